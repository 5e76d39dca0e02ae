using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.Infrastructure.Security;

namespace PoliceFeeds.Web.Pages.Account;

/// <summary>
/// Change one's password; required after an administrator gave a temporary one. The user's other sessions end at once
/// (a password changed because it leaked shuts out whoever used it); this one goes on under a new session record.
/// </summary>
public sealed class ChangePasswordModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signInManager,
    UserSessionStore sessions,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public bool Required { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        Required = user.MustChangePassword;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        Required = user.MustChangePassword;
        if (string.IsNullOrEmpty(CurrentPassword) || string.IsNullOrEmpty(NewPassword))
        {
            ModelState.AddModelError(string.Empty, text["ChangePassword.Required"]);
            return Page();
        }

        if (NewPassword != ConfirmPassword)
        {
            ModelState.AddModelError(string.Empty, text["ChangePassword.Mismatch"]);
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
        if (!result.Succeeded)
        {
            result.Errors.ToList().ForEach(e => ModelState.AddModelError(string.Empty, e.Description));
            return Page();
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);

        // Every session of the user ends, this one included; signing this browser in again opens a new one.
        await sessions.EndAllAsync(user.Id, "password-changed", cancellationToken: HttpContext.RequestAborted);
        await signInManager.RefreshSignInAsync(user);
        TempData["Flash"] = (string)text["ChangePassword.Done"];
        return Redirect("/");
    }
}
