using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// The time-bound side of the publisher: road deviations that reach their end time (a "fin de la déviation" reply or the
/// deletion of the post, as the department configures) and found persons' appeals that reach their redaction date.
/// Each change is a save guarded by the message's concurrency token, so with several instances exactly one makes it.
/// </summary>
public sealed class TimeBoundProcessor(PoliceFeedsDbContext db, TimeProvider timeProvider, ILogger<TimeBoundProcessor> logger)
{
    private const int BatchSize = 100;

    /// <summary>Ends due deviations and redacts due appeals. Returns the number of messages changed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return await EndDeviationsAsync(now, cancellationToken) + await RedactAsync(now, cancellationToken);
    }

    /// <summary>The next deviation end or redaction date still to handle.</summary>
    public async Task<DateTime?> NextDueAsync(CancellationToken cancellationToken)
    {
        var nextEnd = await DeviationsToEnd().MinAsync(m => m.EndsAtUtc, cancellationToken);
        var nextRedaction = await AppealsToRedact().MinAsync(m => m.RedactAtUtc, cancellationToken);
        return new[] { nextEnd, nextRedaction }.Where(d => d.HasValue).Min();
    }

    private IQueryable<Message> DeviationsToEnd() =>
        from m in db.Messages.AsNoTracking()
        join c in db.Categories on m.CategoryId equals c.Id
        where c.Key == CategoryKeys.RoadDeviation && m.EndsAtUtc != null && m.EndedAtUtc == null
            && (m.Status == MessageStatus.Published || m.Status == MessageStatus.Approved
                || m.Status == MessageStatus.Submitted || m.Status == MessageStatus.Failed)
        select m;

    private IQueryable<Message> AppealsToRedact() =>
        db.Messages.AsNoTracking().Where(m => m.RedactAtUtc != null && m.RedactedAtUtc == null
            && m.Status != MessageStatus.Publishing && m.Status != MessageStatus.Withdrawing);

    private async Task<int> EndDeviationsAsync(DateTime now, CancellationToken cancellationToken)
    {
        var due = await DeviationsToEnd().Where(m => m.EndsAtUtc <= now)
            .OrderBy(m => m.EndsAtUtc).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var handled = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            var message = await db.Messages.SingleAsync(m => m.Id == id, cancellationToken);
            var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == message.DepartmentId, cancellationToken);
            var wasPublished = message.Status == MessageStatus.Published;
            if (!message.EndDeviation(SystemActors.Publisher, CategoryKeys.RoadDeviation, department, now, message.EndsAtUtc!.Value, out var endReply).Succeeded)
            {
                continue;
            }

            if (endReply is not null)
            {
                // The reply threads under the deviation on each account where it is online, and goes nowhere else.
                endReply.SetTargets(await db.Deliveries.AsNoTracking()
                    .Where(d => d.MessageId == id && d.Status == DeliveryStatus.Sent).Select(d => d.AccountId).ToListAsync(cancellationToken));
                db.Messages.Add(endReply);
            }

            if (await TrySaveAsync(cancellationToken))
            {
                handled++;
                logger.LogInformation(
                    "Road deviation {MessageId} ended at its end time: {Outcome}",
                    id,
                    !wasPublished ? "cancelled before publication" : message.Status == MessageStatus.WithdrawalRequested ? "post to delete" : "end reply scheduled");
            }
        }

        return handled;
    }

    private async Task<int> RedactAsync(DateTime now, CancellationToken cancellationToken)
    {
        var due = await AppealsToRedact().Where(m => m.RedactAtUtc <= now)
            .OrderBy(m => m.RedactAtUtc).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var handled = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            var message = await db.Messages.Include(m => m.Photos).Include(m => m.Variants).SingleAsync(m => m.Id == id, cancellationToken);
            if (!message.Redact(now).Succeeded)
            {
                continue;
            }

            if (await TrySaveAsync(cancellationToken))
            {
                handled++;
                logger.LogInformation("Appeal {MessageId} redacted: the person was found on {FoundAt:o}", id, message.FoundAtUtc);
            }
        }

        return handled;
    }

    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance, the publisher or a person changed the message meanwhile: the next round looks again.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
