using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;

namespace PoliceFeeds.Infrastructure.Security;

/// <summary>
/// Identity's user store, with the authenticator (TOTP) secret in <c>AspNetUserTokens</c> encrypted by Data Protection,
/// like the X credentials. A key stored in clear before this existed is still read (and encrypted at start-up by
/// <see cref="ProtectPlaintextKeysAsync"/>).
/// </summary>
public sealed class ProtectedTokenUserStore(PoliceFeedsDbContext context, IDataProtectionProvider dataProtection, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, PoliceFeedsDbContext>(context, describer)
{
    public const string InternalProvider = "[AspNetUserStore]";
    public const string AuthenticatorKeyName = "AuthenticatorKey";
    private const string Purpose = "PoliceFeeds.Identity.AuthenticatorKey.v1";

    /// <summary>Marks a protected value (a base32 key never contains ':').</summary>
    private const string Prefix = "dp1:";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public override Task SetTokenAsync(AppUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken) =>
        base.SetTokenAsync(user, loginProvider, name, IsAuthenticatorKey(loginProvider, name) && value is not null ? Protect(_protector, value) : value, cancellationToken);

    public override async Task<string?> GetTokenAsync(AppUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var value = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return IsAuthenticatorKey(loginProvider, name) && value is not null ? Unprotect(_protector, value) : value;
    }

    /// <summary>Encrypts every authenticator key still stored in clear. Returns how many it changed.</summary>
    public static async Task<int> ProtectPlaintextKeysAsync(PoliceFeedsDbContext db, IDataProtectionProvider dataProtection, CancellationToken cancellationToken = default)
    {
        var protector = dataProtection.CreateProtector(Purpose);
        var plaintext = await db.UserTokens
            .Where(t => t.LoginProvider == InternalProvider && t.Name == AuthenticatorKeyName && t.Value != null && !EF.Functions.Like(t.Value, Prefix + "%"))
            .ToListAsync(cancellationToken);
        foreach (var token in plaintext)
        {
            token.Value = Protect(protector, token.Value!);
        }

        await db.SaveChangesAsync(cancellationToken);
        return plaintext.Count;
    }

    private static bool IsAuthenticatorKey(string loginProvider, string name) =>
        loginProvider == InternalProvider && name == AuthenticatorKeyName;

    private static string Protect(IDataProtector protector, string value) =>
        value.StartsWith(Prefix, StringComparison.Ordinal) ? value : Prefix + protector.Protect(value);

    private static string Unprotect(IDataProtector protector, string value) =>
        value.StartsWith(Prefix, StringComparison.Ordinal) ? protector.Unprotect(value[Prefix.Length..]) : value;
}
