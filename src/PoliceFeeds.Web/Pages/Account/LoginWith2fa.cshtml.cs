using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Infrastructure.Identity;

namespace PoliceFeeds.Web.Pages.Account;

/// <summary>Second step of the sign-in for accounts with an authenticator app (every national admin).</summary>
public sealed class LoginWith2faModel(SignInManager<AppUser> signInManager, IStringLocalizer<SharedResource> text, ILogger<LoginWith2faModel> logger) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("./Login");
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} signed in with two-factor authentication", user.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("User {UserId} locked out after failed two-factor codes", user.Id);
            ModelState.AddModelError(string.Empty, text["Login.LockedOut"]);
            return Page();
        }

        ModelState.AddModelError(string.Empty, text["TwoFactor.InvalidCode"]);
        return Page();
    }
}
