using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>
/// Whether a message goes to an account that posts for real (live, not the training timeline): an input of
/// <see cref="Core.Messages.LivePublishConfirmation"/>. A message that records no target goes to every account of its
/// department that is not disconnected.
/// </summary>
public static class LiveAccount
{
    public static Task<bool> IsLiveAsync(PoliceFeedsDbContext db, Core.Messages.Message message, CancellationToken cancellationToken) =>
        db.PublishingAccounts.AsNoTracking().AnyAsync(
            a => a.DepartmentId == message.DepartmentId && a.Mode == AccountMode.Live && a.State != AccountState.Disconnected
                && (!db.MessageTargets.Any(t => t.MessageId == message.Id) || db.MessageTargets.Any(t => t.MessageId == message.Id && t.AccountId == a.Id)),
            cancellationToken);
}
