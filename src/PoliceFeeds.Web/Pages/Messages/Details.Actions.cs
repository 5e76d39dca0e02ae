using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>
/// The message page's actions: submit, approve, reject, cancel, retry, person found, end of a deviation, re-approval of
/// held deliveries, withdrawal. Each checks the user's role in the message's department, acts through the lifecycle on
/// the version the page showed, and on refusal shows the page again with the reason.
/// </summary>
public sealed partial class DetailsModel
{
    /// <summary>
    /// Submits a draft, as the compose page's "Soumettre" does: publishing at once on the live account needs the
    /// confirmation, and a text the account posted recently needs "Soumettre quand même"; without them nothing changes.
    /// </summary>
    public async Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken cancellationToken)
    {
        var draft = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (draft is { Status: MessageStatus.Draft or MessageStatus.Rejected } && await currentUser.CanDraftForDepartmentAsync(draft.DepartmentId, cancellationToken))
        {
            var now = timeProvider.GetUtcNow().UtcDateTime;
            if (!ConfirmLivePublish && await PublishesAtOnceOnLiveAsync(draft, cancellationToken))
            {
                LiveConfirmationMissing = true;
                return await RedisplayAsync(id, cancellationToken);
            }

            if (!ConfirmDuplicate && await DuplicateTextCheck.FindAsync(db, draft.DepartmentId, draft.Text, draft.Id, now, cancellationToken) is { } duplicate)
            {
                DuplicateOf = duplicate;
                return await RedisplayAsync(id, cancellationToken);
            }

            // X refuses the same content on several accounts: a campaign's relay must differ from the other departments'.
            if (draft.CampaignId is not null && await Campaigns.CampaignTextCheck.FindIdenticalAsync(db, draft, draft.Text, cancellationToken) is { } identical)
            {
                ModelState.AddModelError(string.Empty, Campaigns.CampaignTextCheck.Refusal(campaignText, identical));
                return await RedisplayAsync(id, cancellationToken);
            }
        }

        return await ActAsync(id, ActionKind.Draft, async (message, now) =>
            message.Submit(currentUser.Id, await ValidationRequiredAsync(message, cancellationToken), now), cancellationToken);
    }

    /// <summary>Whether the message as it stands needs a validator, and why (<see cref="ValidationRequirements"/>).</summary>
    private async Task<ValidationRequirement> ValidationRequiredAsync(Message message, CancellationToken cancellationToken)
    {
        var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == message.DepartmentId, cancellationToken);
        var category = await db.Categories.AsNoTracking().SingleAsync(c => c.Id == message.CategoryId, cancellationToken);
        return await ValidationRequirements.ForAsync(db, department, category, message.Text, cancellationToken);
    }

    private async Task<bool> PublishesAtOnceOnLiveAsync(Message message, CancellationToken cancellationToken)
    {
        var live = await LiveAccount.IsLiveAsync(db, message, cancellationToken);
        return live && LivePublishConfirmation.IsRequired(live, (await ValidationRequiredAsync(message, cancellationToken)).IsRequired, message.ScheduleMode, submitting: true, editOfScheduled: false);
    }

    public Task<IActionResult> OnPostApproveAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, ActionKind.Validate, (message, now) => Task.FromResult(message.Approve(currentUser.Id, now)), cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, ActionKind.Validate, (message, now) => Task.FromResult(message.Reject(currentUser.Id, RejectionReason, now)), cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(long id, CancellationToken cancellationToken) => AskConfirmation
        ? AskAsync(id, "confirm-cancel", cancellationToken)
        : ActAsync(id, ActionKind.Draft, (message, now) => Task.FromResult(message.Cancel(currentUser.Id, now)), cancellationToken);

    /// <summary>The page as it stands, with the action's confirmation open (no JavaScript to open it in place).</summary>
    private Task<IActionResult> AskAsync(long id, string confirmation, CancellationToken cancellationToken)
    {
        OpenConfirmation = confirmation;
        return OnGetAsync(id, cancellationToken);
    }

    public Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, ActionKind.Draft, (message, now) => Task.FromResult(message.RetryAfterFailure(currentUser.Id, now)), cancellationToken);

    /// <summary>The missing person was found: the post comes down; optionally a thank-you is prepared for validation.</summary>
    public async Task<IActionResult> OnPostFoundAsync(long id, CancellationToken cancellationToken)
    {
        if (AskConfirmation)
        {
            return await AskAsync(id, "confirm-found", cancellationToken);
        }

        var result = await ActAsync(id, ActionKind.ValidateOrAuthor, async (message, now) =>
        {
            var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == message.DepartmentId, cancellationToken);
            var categoryKey = await CategoryKeyAsync(message, cancellationToken);
            if (message.Status == MessageStatus.Publishing
                && await DeliveryChecks.IsPublishingStalledAsync(db, message.Id, now, publishingOptions.Value.ClockSkewTolerance, cancellationToken)
                && await DeliveryChecks.TakeOverStalledAsync(db, message.Id, now, publishingOptions.Value.ClockSkewTolerance, cancellationToken))
            {
                // Its worker stopped and a pause keeps the publisher away: back to scheduled, as a takeover would leave it,
                // so the appeal is cancelled and its possibly-sent post checked for and deleted.
                message.Status = MessageStatus.Approved;
            }

            return message.MarkPersonFound(currentUser.Id, categoryKey, now, now.AddDays(department.RedactFoundAppealsAfterDays));
        }, cancellationToken);
        if (PrepareThanks && result is RedirectToPageResult
            && await currentUser.CanDraftForDepartmentAsync(await db.Messages.Where(m => m.Id == id).Select(m => m.DepartmentId).SingleAsync(cancellationToken), cancellationToken))
        {
            return RedirectToPage("/Messages/Edit", new { followUpOf = id, kind = FollowUpKind.FoundThanks });
        }

        return result;
    }

    /// <summary>Ends a road deviation early: the "fin de la déviation" reply or the deletion, as the department configures.</summary>
    public Task<IActionResult> OnPostEndDeviationAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, ActionKind.Draft, async (message, now) =>
        {
            var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == message.DepartmentId, cancellationToken);
            var result = message.EndDeviation(currentUser.Id, await CategoryKeyAsync(message, cancellationToken), department, now, now, out var endReply);
            if (endReply is not null)
            {
                db.Messages.Add(endReply);
            }

            return result;
        }, cancellationToken);

    /// <summary>Held deliveries approved again for the account as it stands now (never rerouted without a person).</summary>
    public async Task<IActionResult> OnPostReapproveAsync(long id, CancellationToken cancellationToken)
    {
        var message = await db.Messages.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null || !await currentUser.CanViewDepartmentAsync(message.DepartmentId, cancellationToken))
        {
            return NotFound();
        }

        if (!await currentUser.CanValidateForDepartmentAsync(message.DepartmentId, cancellationToken))
        {
            return Forbid();
        }

        // Four eyes, as for an approval: not the author nor anyone who changed the text or the photos since.
        var allowed = message.CheckReapproval(currentUser.Id);
        if (!allowed.Succeeded)
        {
            return await RedisplayWithErrorAsync(id, MessageStatusDisplay.LifecycleErrorMessage(text, allowed.Error), cancellationToken);
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (await DeliveryChecks.ReapproveHeldAsync(db, message, currentUser.Id, now, cancellationToken) == 0)
        {
            return await RedisplayWithErrorAsync(id, MessageStatusDisplay.LifecycleErrorMessage(text, LifecycleError.NotAllowedInCurrentStatus), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        publishingSignal.Notify();
        TempData["Flash"] = (string)text["Flash.Reapproved"];
        return RedirectToPage("/Messages/Details", new { id });
    }

    public Task<IActionResult> OnPostRetryFailedDeliveriesAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, ActionKind.Draft, (message, now) => Task.FromResult(message.RetryFailedDeliveries(currentUser.Id, now)), cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, ActionKind.Validate, (message, now) => Task.FromResult(message.Withdraw(currentUser.Id, WithdrawalReason, now)), cancellationToken);

    private async Task<string> CategoryKeyAsync(Message message, CancellationToken cancellationToken) =>
        await db.Categories.AsNoTracking().Where(c => c.Id == message.CategoryId).Select(c => c.Key).SingleAsync(cancellationToken);

    private async Task<IActionResult> ActAsync(long id, ActionKind kind, Func<Message, DateTime, Task<LifecycleResult>> act, CancellationToken cancellationToken)
    {
        var message = await db.Messages.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null || !await currentUser.CanViewDepartmentAsync(message.DepartmentId, cancellationToken))
        {
            return NotFound();
        }

        var allowed = kind switch
        {
            ActionKind.Validate => await currentUser.CanValidateForDepartmentAsync(message.DepartmentId, cancellationToken),
            ActionKind.ValidateOrAuthor => await currentUser.CanValidateForDepartmentAsync(message.DepartmentId, cancellationToken)
                || (message.AuthorId == currentUser.Id && await currentUser.CanDraftForDepartmentAsync(message.DepartmentId, cancellationToken)),
            _ => await currentUser.CanDraftForDepartmentAsync(message.DepartmentId, cancellationToken),
        };
        if (!allowed)
        {
            return Forbid();
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        db.Entry(message).Property(m => m.Version).OriginalValue = Version;
        var result = await act(message, now);
        if (!result.Succeeded)
        {
            return await RedisplayWithErrorAsync(id, MessageStatusDisplay.LifecycleErrorMessage(text, result.Error), cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await RedisplayWithErrorAsync(id, shared["Common.ConcurrencyConflict"], cancellationToken);
        }

        if (db.ChangeTracker.Entries<Message>().Any(e => e.Entity.Status is MessageStatus.Approved or MessageStatus.WithdrawalRequested))
        {
            // Due now: published (or deleted) at once; due later: the publisher plans its next wake-up for it. (Ending a
            // deviation may also have added its "fin de la déviation" reply.)
            publishingSignal.Notify();
        }

        TempData["Flash"] = (string)text["Flash.Status." + message.Status];
        return RedirectToPage("/Messages/Details", new { id });
    }

    private async Task<IActionResult> RedisplayWithErrorAsync(long id, string error, CancellationToken cancellationToken)
    {
        ModelState.AddModelError(string.Empty, error);
        return await RedisplayAsync(id, cancellationToken);
    }

    private enum ActionKind
    {
        Draft,
        Validate,
        ValidateOrAuthor,
    }
}
