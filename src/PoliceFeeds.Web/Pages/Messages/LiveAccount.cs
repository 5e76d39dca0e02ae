using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>Whether a department's X account posts on live X (not the training timeline): an input of <see cref="Core.Messages.LivePublishConfirmation"/>.</summary>
public static class LiveAccount
{
    public static Task<bool> IsLiveAsync(PoliceFeedsDbContext db, int departmentId, CancellationToken cancellationToken) =>
        db.PublishingAccounts.AsNoTracking().AnyAsync(a => a.DepartmentId == departmentId && a.Mode == AccountMode.Live, cancellationToken);
}
