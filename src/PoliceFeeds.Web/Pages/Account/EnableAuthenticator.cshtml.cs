using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Account;

/// <summary>
/// Enrolment in two-factor authentication with an authenticator app (TOTP), required of national admins. Enrolling asks
/// for the password again (someone at an open session cannot tie their own authenticator to the account). A GET changes
/// nothing but creating the key of a user who has none: an enrolled user without a two-factor session is offered a form
/// that signs out (a POST), so a link from another site signs no one out.
/// </summary>
public sealed class EnableAuthenticatorModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signInManager,
    IStringLocalizer<SharedResource> text,
    ILogger<EnableAuthenticatorModel> logger) : PageModel
{
    public string SharedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Already enrolled, in a session opened without the second factor: the page only offers to sign in again.</summary>
    public bool AlreadyEnrolled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("./Login");
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            AlreadyEnrolled = true;
            return Page();
        }

        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("./Login");
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return await SignInAgainAsync(user);
        }

        // The password again, counted toward the lockout like a sign-in (a locked account is refused too).
        if (string.IsNullOrEmpty(Password) || !(await signInManager.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true)).Succeeded)
        {
            logger.LogWarning("User {UserId} tried to enrol an authenticator without the right password", user.Id);
            ModelState.AddModelError(nameof(Password), text["TwoFactor.PasswordIncorrect"]);
            await LoadKeyAsync(user);
            return Page();
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(string.Empty, text["TwoFactor.InvalidCode"]);
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        logger.LogInformation("User {UserId} enabled two-factor authentication", user.Id);
        // The session now counts as signed in with two factors.
        await signInManager.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(AdminTwoFactorFilter.AmrClaim, AdminTwoFactorFilter.AmrMultiFactor)]);
        return Redirect("/");
    }

    /// <summary>
    /// Already enrolled, but this session was opened with the password alone (for example the national admin role was
    /// granted during it): the key is never shown again; the page's form (a POST) signs out, and signing in again asks
    /// for the code.
    /// </summary>
    private async Task<IActionResult> SignInAgainAsync(AppUser user)
    {
        logger.LogWarning("User {UserId} reached the enrolment page already enrolled, without a two-factor session: signed out", user.Id);
        await signInManager.SignOutAsync();
        return RedirectToPage("./Login", new { ReturnUrl = "/Admin" });
    }

    private async Task LoadKeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key changes the user's security stamp: the cookie is issued again with the new one, or the stamp
            // check five minutes later would sign out the admin still reading the page (with a new session record).
            await users.ResetAuthenticatorKeyAsync(user);
            await signInManager.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        SharedKey = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        AuthenticatorUri = $"otpauth://totp/PoliceFeeds:{Uri.EscapeDataString(user.Email ?? user.Id)}?secret={key}&issuer=PoliceFeeds&digits=6";
    }
}
