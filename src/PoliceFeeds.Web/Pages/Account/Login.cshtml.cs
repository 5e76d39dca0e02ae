using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Infrastructure.Identity;

namespace PoliceFeeds.Web.Pages.Account;

/// <summary>
/// Sign-in with e-mail and password. Five failures lock the account for 15 minutes: new sign-ins only, not the open
/// sessions.
/// </summary>
public sealed class LoginModel(
    SignInManager<AppUser> signInManager,
    UserManager<AppUser> userManager,
    IStringLocalizer<SharedResource> localizer,
    ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email) || string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError(string.Empty, localizer["Login.Required"]);
            return Page();
        }

        // Same message, and the same work (one password hash), whether the account exists, is deactivated, is locked or
        // the password is wrong: neither the answer nor its time tells that an address has an account. Every failure
        // counts toward lockout. The address typed for an unknown account is never logged: it may be a password.
        var user = await userManager.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            SpendPasswordCheck(null, Input.Password);
            logger.LogWarning("Sign-in refused: unknown account");
            ModelState.AddModelError(string.Empty, localizer["Login.Failed"]);
            return Page();
        }

        if (!user.IsActive)
        {
            SpendPasswordCheck(user, Input.Password);
            logger.LogWarning("Sign-in refused for user {UserId}: account deactivated", user.Id);
            ModelState.AddModelError(string.Empty, localizer["Login.Failed"]);
            return Page();
        }

        if (await userManager.IsLockedOutAsync(user))
        {
            SpendPasswordCheck(user, Input.Password);
            logger.LogWarning("User {UserId} is locked out", user.Id);
            ModelState.AddModelError(string.Empty, localizer["Login.Failed"]);
            return Page();
        }

        // A new session at sign-in: any previous authentication cookie is replaced.
        if (User.Identity?.IsAuthenticated == true)
        {
            await signInManager.SignOutAsync();
        }

        var result = await signInManager.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} signed in", user.Id);
            if (user.MustChangePassword)
            {
                return RedirectToPage("/Account/ChangePassword");
            }

            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            // Locked (five failures, or an admin): new sign-ins wait; open sessions go on. Same message as a wrong
            // password, so the answer does not tell that the account exists.
            logger.LogWarning("User {UserId} is locked out", user.Id);
        }

        ModelState.AddModelError(string.Empty, localizer["Login.Failed"]);
        return Page();
    }

    /// <summary>
    /// The work of checking a password (Identity's PBKDF2), where no real check happens: against the user's own hash, or
    /// against a hash of a random password made once by the same hasher. The result is thrown away.
    /// </summary>
    private void SpendPasswordCheck(AppUser? user, string password)
    {
        var hasher = userManager.PasswordHasher;
        var stand = user ?? new AppUser { DisplayName = "" };
        var hash = user?.PasswordHash ?? (_unknownAccountHash ??= hasher.HashPassword(stand, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));
        _ = hasher.VerifyHashedPassword(stand, hash, password);
    }

    private static string? _unknownAccountHash;

    public sealed class LoginInput
    {
        [Display(Name = "Login.Email")]
        public string Email { get; set; } = "";

        [Display(Name = "Login.Password")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}
