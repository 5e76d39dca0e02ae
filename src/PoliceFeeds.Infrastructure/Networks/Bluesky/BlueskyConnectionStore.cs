using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Infrastructure.XApi;

namespace PoliceFeeds.Infrastructure.Networks.Bluesky;

/// <summary>An account's Bluesky connection as read, with the stored form it was read from (for conditional writes).</summary>
public sealed record BlueskyConnection(int AccountId, BlueskyCredentials Credentials, string Stamp);

/// <summary>Reads and saves an account's Bluesky connection by account id. Every write after a read is conditional on it.</summary>
public interface IBlueskyConnectionStore
{
    /// <summary>The connection of a connected account, or null (no credentials, to reconnect, disconnected).</summary>
    Task<BlueskyConnection?> GetAsync(int accountId, CancellationToken cancellationToken);

    /// <summary>Connects the account (an administrator gave an app password that works): credentials, DID, state connected.</summary>
    Task SaveAsync(int accountId, BlueskyCredentials credentials, CancellationToken cancellationToken);

    /// <summary>Saves a new session if the stored credentials are still those read; false if they changed meanwhile.</summary>
    Task<bool> SaveSessionAsync(BlueskyConnection read, BlueskySession session, Guid? refreshLease, CancellationToken cancellationToken);

    /// <summary>"À reconnecter" if the stored credentials are still those read; false if they changed meanwhile (not the account's fault).</summary>
    Task<bool> MarkNeedsReconnectingAsync(BlueskyConnection read, CancellationToken cancellationToken);

    /// <summary>The account's refresh lease (one session refresh at a time per account across instances), or null if held.</summary>
    Task<Guid?> TryTakeRefreshLeaseAsync(BlueskyConnection read, CancellationToken cancellationToken);

    Task ReleaseRefreshLeaseAsync(int accountId, Guid lease);
}

/// <summary>
/// The connection on the account row: <c>ProtectedCredentials</c> (encrypted <see cref="BlueskyCredentials"/>),
/// <c>RemoteUserId</c> (the DID; to be renamed RemoteUserId), <c>State</c>, and the refresh lease columns (through
/// <see cref="XAccountRefreshLease"/>). The only Bluesky code that knows the table.
/// </summary>
internal sealed class BlueskyConnectionStore(PoliceFeedsDbContext db, BlueskyCredentialProtector protector, TimeProvider timeProvider) : IBlueskyConnectionStore
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    private readonly XAccountRefreshLease _lease = new(db, timeProvider, LeaseDuration);

    public async Task<BlueskyConnection?> GetAsync(int accountId, CancellationToken cancellationToken)
    {
        var row = await db.PublishingAccounts.AsNoTracking()
            .Where(a => a.Id == accountId)
            .Select(a => new { a.State, a.ProtectedCredentials })
            .SingleOrDefaultAsync(cancellationToken);
        return row is { State: AccountState.Connected, ProtectedCredentials: { } stamp }
            ? new BlueskyConnection(accountId, protector.Unprotect(stamp), stamp)
            : null;
    }

    public async Task SaveAsync(int accountId, BlueskyCredentials credentials, CancellationToken cancellationToken)
    {
        var stored = protector.Protect(credentials);
        await db.PublishingAccounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(
            s => s
                .SetProperty(a => a.ProtectedCredentials, stored)
                .SetProperty(a => a.RemoteUserId, credentials.Did)
                .SetProperty(a => a.ServerUrl, credentials.ServerUrl)
                .SetProperty(a => a.AuthKind, AccountAuthKind.AppPassword)
                .SetProperty(a => a.State, AccountState.Connected)
                .SetProperty(a => a.Version, a => a.Version + 1),
            cancellationToken);
    }

    public async Task<bool> SaveSessionAsync(BlueskyConnection read, BlueskySession session, Guid? refreshLease, CancellationToken cancellationToken)
    {
        var stored = protector.Protect(read.Credentials.WithSession(session));
        var lease = refreshLease;
        return await db.PublishingAccounts
            .Where(a => a.Id == read.AccountId && a.ProtectedCredentials == read.Stamp)
            .ExecuteUpdateAsync(
                s => s
                    .SetProperty(a => a.ProtectedCredentials, stored)
                    .SetProperty(a => a.RemoteUserId, session.Did)
                    .SetProperty(a => a.Version, a => a.Version + 1)
                    .SetProperty(a => a.RefreshLeaseOwner, a => lease != null && a.RefreshLeaseToken == lease ? null : a.RefreshLeaseOwner)
                    .SetProperty(a => a.RefreshLeaseExpiresAtUtc, a => lease != null && a.RefreshLeaseToken == lease ? null : a.RefreshLeaseExpiresAtUtc)
                    .SetProperty(a => a.RefreshLeaseToken, a => lease != null && a.RefreshLeaseToken == lease ? null : a.RefreshLeaseToken),
                cancellationToken) == 1;
    }

    public Task<bool> MarkNeedsReconnectingAsync(BlueskyConnection read, CancellationToken cancellationToken) =>
        AccountReconnection.MarkIfUnchangedAsync(db, read.AccountId, read.Stamp, cancellationToken);

    public Task<Guid?> TryTakeRefreshLeaseAsync(BlueskyConnection read, CancellationToken cancellationToken) =>
        _lease.TryTakeAsync(new PublishingAccount { Id = read.AccountId, Handle = read.Credentials.Handle, ProtectedCredentials = read.Stamp }, cancellationToken);

    public Task ReleaseRefreshLeaseAsync(int accountId, Guid lease) => _lease.ReleaseAsync(accountId, lease);
}
