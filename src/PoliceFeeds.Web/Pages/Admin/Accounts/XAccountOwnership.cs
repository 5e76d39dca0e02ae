using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Admin.Accounts;

/// <summary>
/// One X account (one X user id) belongs to one department: connecting it to a second department is refused, and the
/// unique index on <c>PublishingAccounts (Network, RemoteUserId)</c> refuses it too when two admins try at the same moment.
/// Other networks' ids are other accounts, whatever their digits.
/// </summary>
internal static class XAccountOwnership
{
    /// <summary>The code of another department whose account is already the X user <paramref name="xUserId"/>, or null.</summary>
    public static Task<string?> OtherDepartmentCodeAsync(PoliceFeedsDbContext db, int accountId, string xUserId, CancellationToken cancellationToken) =>
        db.PublishingAccounts.AsNoTracking()
            .Where(a => a.Network == PublishingNetwork.X && a.RemoteUserId == xUserId && a.Id != accountId)
            .Join(db.Departments, a => a.DepartmentId, d => d.Id, (a, d) => d.Code)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Saves, and tells whether the save lost a race on the unique X user id (then nothing was saved; the caller shows
    /// the French message).
    /// </summary>
    public static async Task<string?> SaveUnlessTakenAsync(PoliceFeedsDbContext db, int accountId, string? xUserId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException) when (xUserId is not null)
        {
            db.ChangeTracker.Clear();
            var other = await OtherDepartmentCodeAsync(db, accountId, xUserId, cancellationToken);
            if (other is null)
            {
                throw;
            }

            return other;
        }
    }
}
