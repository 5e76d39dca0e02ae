using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace PoliceFeeds.Infrastructure.Networks.Bluesky;

/// <summary>
/// What it takes to act as a department's Bluesky account: its PDS, DID and handle, the app password made for
/// PoliceFeeds, and the current session's tokens (rotated by <c>refreshSession</c>). Stored only encrypted.
/// </summary>
public sealed record BlueskyCredentials
{
    /// <summary>The account's PDS (for example <c>https://bsky.social</c> or the PDS the account lives on).</summary>
    public required string ServerUrl { get; init; }

    public required string Did { get; init; }

    public required string Handle { get; init; }

    /// <summary>An app password (<c>xxxx-xxxx-xxxx-xxxx</c>), never the account's own password.</summary>
    public required string AppPassword { get; init; }

    public string? AccessJwt { get; init; }

    public string? RefreshJwt { get; init; }

    /// <summary>The access JWT's <c>exp</c>, read from the token when it was saved.</summary>
    public DateTime? AccessExpiresAtUtc { get; init; }

    public BlueskyCredentials WithSession(BlueskySession session) => this with
    {
        Did = session.Did,
        Handle = session.Handle,
        AccessJwt = session.AccessJwt,
        RefreshJwt = session.RefreshJwt,
        AccessExpiresAtUtc = JwtExpiry(session.AccessJwt),
    };

    /// <summary>The <c>exp</c> claim of a JWT, unverified (only to refresh ahead of time; the PDS decides).</summary>
    internal static DateTime? JwtExpiry(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return json.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}

/// <summary>A session from <c>createSession</c> or <c>refreshSession</c>.</summary>
public sealed record BlueskySession(string Did, string Handle, string AccessJwt, string RefreshJwt);

/// <summary>Encrypts Bluesky credentials with Data Protection, under a purpose of their own (never X's).</summary>
public sealed class BlueskyCredentialProtector(IDataProtectionProvider provider)
{
    private const string Purpose = "PoliceFeeds.Bluesky.Credentials.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(BlueskyCredentials credentials) => _protector.Protect(JsonSerializer.Serialize(credentials, Json));

    public BlueskyCredentials Unprotect(string protectedCredentials) =>
        JsonSerializer.Deserialize<BlueskyCredentials>(_protector.Unprotect(protectedCredentials), Json)
        ?? throw new InvalidOperationException("Stored Bluesky credentials are empty.");
}
