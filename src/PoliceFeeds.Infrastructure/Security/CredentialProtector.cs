using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using PoliceFeeds.Core.Accounts;

namespace PoliceFeeds.Infrastructure.Security;

/// <summary>
/// Encrypts and decrypts an X account's credentials with Data Protection. Only the protected form reaches the database.
/// </summary>
public sealed class CredentialProtector(IDataProtectionProvider provider)
{
    private const string Purpose = "PoliceFeeds.PublishingAccount.Credentials.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(XAccountCredentials credentials) =>
        _protector.Protect(JsonSerializer.Serialize(credentials, CredentialsJson.Options));

    public XAccountCredentials Unprotect(string protectedCredentials) =>
        JsonSerializer.Deserialize<XAccountCredentials>(_protector.Unprotect(protectedCredentials), CredentialsJson.Options)
        ?? throw new InvalidOperationException("Stored credentials are empty.");

    /// <summary>Encrypts the credentials and stores them on the account.</summary>
    public void Store(PublishingAccount account, XAccountCredentials credentials)
    {
        account.AuthKind = credentials.Kind;
        account.ProtectedCredentials = Protect(credentials);
    }

    private static class CredentialsJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    }
}

/// <summary>
/// What it takes to act as a department's X account: OAuth 1.0a access token and secret, or OAuth 2.0 tokens obtained
/// with PKCE. The national app's client id and consumer keys come from configuration, never from here.
/// </summary>
public sealed record XAccountCredentials
{
    public AccountAuthKind Kind { get; init; }

    public string? AccessToken { get; init; }

    /// <summary>OAuth 1.0a token secret.</summary>
    public string? AccessTokenSecret { get; init; }

    /// <summary>OAuth 2.0 refresh token (rotates at every use).</summary>
    public string? RefreshToken { get; init; }

    /// <summary>OAuth 2.0 access token expiry.</summary>
    public DateTime? AccessTokenExpiresAtUtc { get; init; }

    public static XAccountCredentials OAuth1(string accessToken, string accessTokenSecret) =>
        new() { Kind = AccountAuthKind.OAuth1UserContext, AccessToken = accessToken, AccessTokenSecret = accessTokenSecret };

    public static XAccountCredentials OAuth2(string accessToken, string? refreshToken, DateTime expiresAtUtc) =>
        new() { Kind = AccountAuthKind.OAuth2Pkce, AccessToken = accessToken, RefreshToken = refreshToken, AccessTokenExpiresAtUtc = expiresAtUtc };
}
