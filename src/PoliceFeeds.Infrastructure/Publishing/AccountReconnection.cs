using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// Marking an account "à reconnecter" after its network refused its credentials, for every network: one conditional
/// update, applied only if the account is connected and its stored (encrypted) credentials are still those the refused
/// call used. A worker or an admin that replaced them meanwhile is never undone. The refresh lease (X's OAuth 2.0 and
/// Bluesky's sessions) ends with it. Each network's store decides when to call it and keeps its own types.
/// </summary>
public static class AccountReconnection
{
    /// <summary>True if this call marked the account; false if it was not connected or its credentials changed.</summary>
    public static async Task<bool> MarkIfUnchangedAsync(PoliceFeedsDbContext db, int accountId, string usedProtectedCredentials, CancellationToken cancellationToken) =>
        await db.PublishingAccounts
            .Where(a => a.Id == accountId && a.ProtectedCredentials == usedProtectedCredentials && a.State == AccountState.Connected)
            .ExecuteUpdateAsync(
                s => s
                    .SetProperty(a => a.State, AccountState.NeedsReconnecting)
                    .SetProperty(a => a.Version, a => a.Version + 1)
                    .SetProperty(a => a.RefreshLeaseOwner, (string?)null)
                    .SetProperty(a => a.RefreshLeaseToken, (Guid?)null)
                    .SetProperty(a => a.RefreshLeaseExpiresAtUtc, (DateTime?)null),
                cancellationToken) == 1;

    /// <summary>Whether the account is marked with these very credentials (by this call or another one).</summary>
    public static Task<bool> IsMarkedWithAsync(PoliceFeedsDbContext db, int accountId, string usedProtectedCredentials, CancellationToken cancellationToken) =>
        db.PublishingAccounts.AsNoTracking()
            .AnyAsync(a => a.Id == accountId && a.ProtectedCredentials == usedProtectedCredentials && a.State == AccountState.NeedsReconnecting, cancellationToken);
}
