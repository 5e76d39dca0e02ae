using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace PoliceFeeds.Web.Security;

/// <summary>Identity's error messages (password rules, duplicate e-mail...) from our resources, in French by default.</summary>
public sealed class FrenchIdentityErrorDescriber(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Identity.PasswordTooShort"], length));

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), localizer["Identity.PasswordRequiresDigit"]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), localizer["Identity.PasswordRequiresLower"]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), localizer["Identity.PasswordRequiresUpper"]);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), localizer["Identity.PasswordRequiresNonAlphanumeric"]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Identity.DuplicateEmail"], email));

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Identity.DuplicateEmail"], userName));

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), localizer["Identity.InvalidEmail"]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), localizer["Identity.PasswordMismatch"]);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), localizer["Common.ConcurrencyConflict"]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
