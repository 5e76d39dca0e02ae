using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.XApi;

/// <summary>
/// The OAuth 2.0 refresh lease on an account row: taken by a conditional update (free or lapsed, and credentials
/// unchanged since they were read), like the message leases, so one refresh at a time happens per account whatever
/// the number of workers and instances. Provider-neutral: plain conditional <c>ExecuteUpdate</c>s.
/// </summary>
internal sealed class XAccountRefreshLease(PoliceFeedsDbContext db, TimeProvider timeProvider, TimeSpan duration)
{
    private static readonly string Owner = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>The lease's token, or null when someone else holds it or the credentials changed since <paramref name="read"/>.</summary>
    public async Task<Guid?> TryTakeAsync(PublishingAccount read, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var token = Guid.NewGuid();
        var taken = await db.PublishingAccounts
            .Where(a => a.Id == read.Id && a.ProtectedCredentials == read.ProtectedCredentials
                && (a.RefreshLeaseToken == null || a.RefreshLeaseExpiresAtUtc == null || a.RefreshLeaseExpiresAtUtc < now))
            .ExecuteUpdateAsync(
                s => s
                    .SetProperty(a => a.RefreshLeaseOwner, Owner)
                    .SetProperty(a => a.RefreshLeaseToken, token)
                    .SetProperty(a => a.RefreshLeaseExpiresAtUtc, now + duration),
                cancellationToken) == 1;
        return taken ? token : null;
    }

    /// <summary>
    /// Saves the rotated credentials and ends the lease, if the credentials are still those read (an administrator
    /// may have reconnected the account meanwhile: then theirs win). Not cancellable: X has already rotated the token.
    /// A failing database is retried a few times, since losing this write loses the account.
    /// </summary>
    public async Task<bool> SaveRotatedAsync(PublishingAccount read, string protectedCredentials, Guid token)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.PublishingAccounts
                    .Where(a => a.Id == read.Id && a.ProtectedCredentials == read.ProtectedCredentials)
                    .ExecuteUpdateAsync(
                        s => s
                            .SetProperty(a => a.ProtectedCredentials, protectedCredentials)
                            .SetProperty(a => a.AuthKind, AccountAuthKind.OAuth2Pkce)
                            .SetProperty(a => a.Version, a => a.Version + 1)
                            .SetProperty(a => a.RefreshLeaseOwner, a => a.RefreshLeaseToken == token ? null : a.RefreshLeaseOwner)
                            .SetProperty(a => a.RefreshLeaseExpiresAtUtc, a => a.RefreshLeaseToken == token ? null : a.RefreshLeaseExpiresAtUtc)
                            .SetProperty(a => a.RefreshLeaseToken, a => a.RefreshLeaseToken == token ? null : a.RefreshLeaseToken),
                        CancellationToken.None) == 1;
            }
            catch (Exception ex) when (attempt < 3 && ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), CancellationToken.None);
            }
        }
    }

    /// <summary>Ends the lease if it is still ours.</summary>
    public Task ReleaseAsync(int accountId, Guid token) =>
        db.PublishingAccounts
            .Where(a => a.Id == accountId && a.RefreshLeaseToken == token)
            .ExecuteUpdateAsync(
                s => s
                    .SetProperty(a => a.RefreshLeaseOwner, (string?)null)
                    .SetProperty(a => a.RefreshLeaseToken, (Guid?)null)
                    .SetProperty(a => a.RefreshLeaseExpiresAtUtc, (DateTime?)null),
                CancellationToken.None);
}
