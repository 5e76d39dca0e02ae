using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PoliceFeeds.Infrastructure.Identity;

namespace PoliceFeeds.Web.Pages.Account;

/// <summary>
/// Signing out: the header links here (a GET that only asks), and the page's form signs out (a POST with its antiforgery
/// token). Every other page is then spared an antiforgery token in its header, which Data Protection had to decrypt and
/// encrypt on every request.
/// </summary>
public sealed class LogoutModel(SignInManager<AppUser> signInManager) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
