using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing;

namespace PoliceFeeds.Infrastructure.Networks.Mastodon;

/// <summary>
/// What it takes to act as an account on its instance: the app registered there (client id and secret, kept with each
/// account until a table of instance apps exists) and the account's access token. Encrypted as a whole.
/// </summary>
public sealed record MastodonCredentials(string InstanceUrl, string ClientId, string ClientSecret, string AccessToken, string? AccountId = null);

/// <summary>An account's connection as read: the credentials, and their encrypted form (to mark "to reconnect" only if unchanged).</summary>
public sealed record MastodonConnection(int AccountId, MastodonCredentials Credentials, string ProtectedCredentials, string? RemoteUserId)
{
    public Uri Instance => MastodonInstance.Parse(Credentials.InstanceUrl);

    public MastodonAuth Auth => new(Instance, Credentials.AccessToken);
}

/// <summary>Reading and saving an account's Mastodon connection by the account's id.</summary>
public interface IMastodonConnections
{
    /// <summary>The connection of a connected account, or null (no credentials, disconnected, to reconnect).</summary>
    Task<MastodonConnection?> GetAsync(int accountId, CancellationToken cancellationToken);

    /// <summary>Stores new credentials (encrypted), the remote account id, and marks the account connected.</summary>
    Task SaveAsync(int accountId, MastodonCredentials credentials, CancellationToken cancellationToken);

    /// <summary>"To reconnect", only if the stored credentials are still <paramref name="used"/>; true if the account is (now) marked.</summary>
    Task<bool> MarkNeedsReconnectingAsync(int accountId, MastodonConnection used, CancellationToken cancellationToken);

    Task SaveRemoteUserIdAsync(int accountId, string remoteUserId, CancellationToken cancellationToken);
}

/// <summary>
/// The connection kept on the account row (<c>ProtectedCredentials</c>, the remote id in <c>RemoteUserId</c>, <c>State</c>),
/// encrypted with Data Protection under this network's own purpose, with the instance's address in <c>ServerUrl</c>. The one
/// file of this network that writes the publishing account table.
/// </summary>
public sealed class DbMastodonConnections(PoliceFeedsDbContext db, IDataProtectionProvider dataProtection) : IMastodonConnections
{
    public const string Purpose = "PoliceFeeds.Mastodon.Credentials.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public async Task<MastodonConnection?> GetAsync(int accountId, CancellationToken cancellationToken)
    {
        var row = await db.PublishingAccounts.AsNoTracking()
            .Where(a => a.Id == accountId)
            .Select(a => new { a.State, a.ProtectedCredentials, a.RemoteUserId })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is not { State: AccountState.Connected, ProtectedCredentials: { } stored })
        {
            return null;
        }

        var credentials = JsonSerializer.Deserialize<MastodonCredentials>(_protector.Unprotect(stored), Json);
        return credentials is null ? null : new MastodonConnection(accountId, credentials, stored, row.RemoteUserId ?? credentials.AccountId);
    }

    public async Task SaveAsync(int accountId, MastodonCredentials credentials, CancellationToken cancellationToken)
    {
        var stored = _protector.Protect(JsonSerializer.Serialize(credentials, Json));
        await db.PublishingAccounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(
            s => s
                .SetProperty(a => a.ProtectedCredentials, stored)
                .SetProperty(a => a.RemoteUserId, credentials.AccountId)
                .SetProperty(a => a.ServerUrl, MastodonInstance.Parse(credentials.InstanceUrl).GetLeftPart(UriPartial.Authority))
                .SetProperty(a => a.AuthKind, AccountAuthKind.OAuth2Token)
                .SetProperty(a => a.State, AccountState.Connected)
                .SetProperty(a => a.Version, a => a.Version + 1),
            cancellationToken);
    }

    public async Task<bool> MarkNeedsReconnectingAsync(int accountId, MastodonConnection used, CancellationToken cancellationToken) =>
        // Not marked by this call: already marked by someone else (true), or its credentials were replaced meanwhile (false).
        await AccountReconnection.MarkIfUnchangedAsync(db, accountId, used.ProtectedCredentials, cancellationToken)
        || await AccountReconnection.IsMarkedWithAsync(db, accountId, used.ProtectedCredentials, cancellationToken);

    public Task SaveRemoteUserIdAsync(int accountId, string remoteUserId, CancellationToken cancellationToken) =>
        db.PublishingAccounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.RemoteUserId, remoteUserId), cancellationToken);
}

/// <summary>An instance's base address, as every call uses it.</summary>
public static class MastodonInstance
{
    /// <summary>
    /// The instance's base (https, host, optional port, trailing slash). Plain http is accepted for loopback only (tests).
    /// </summary>
    public static Uri Parse(string serverUrl)
    {
        var text = serverUrl.Contains("://", StringComparison.Ordinal) ? serverUrl : "https://" + serverUrl;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            throw new ArgumentException($"Not a Mastodon instance address: {serverUrl}", nameof(serverUrl));
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }
}
