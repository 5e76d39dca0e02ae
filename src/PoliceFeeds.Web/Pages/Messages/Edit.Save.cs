using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Photos;
using PoliceFeeds.Core.Scheduling;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>
/// Saving the compose form ("Enregistrer le brouillon", "Soumettre"): the checks that can refuse it (status, a possibly
/// sent post, the form, the photos, the live confirmation, a duplicate text), then the message saved and maybe submitted.
/// </summary>
public sealed partial class EditModel
{
    public Task<IActionResult> OnPostSaveAsync(long? id, CancellationToken cancellationToken) => SaveAsync(id, submit: false, cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(long? id, CancellationToken cancellationToken) => SaveAsync(id, submit: true, cancellationToken);

    private async Task<IActionResult> SaveAsync(long? id, bool submit, CancellationToken cancellationToken)
    {
        Message? message = null;
        if (id is { } messageId)
        {
            message = await LoadEditableAsync(messageId, cancellationToken);
            if (message is null)
            {
                return NotFound();
            }

            if (!message.IsEditable)
            {
                ModelState.AddModelError(string.Empty, MessageStatusDisplay.LifecycleErrorMessage(text, LifecycleError.NotAllowedInCurrentStatus));
                return await RedisplayAsync(id, cancellationToken);
            }

            if (await DeliveryChecks.IsPossiblySentAsync(db, messageId, cancellationToken))
            {
                // The post may be online as it stands: an edit could leave it there unseen. The publisher checks first.
                await DeliveryChecks.RequestCheckAsync(db, messageId, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
                publishingSignal.Notify();
                ModelState.AddModelError(string.Empty, text["Error.PossiblySent"]);
                return await RedisplayAsync(id, cancellationToken);
            }

            // A message stays in its department.
            Input.DepartmentId = message.DepartmentId;
        }

        var (followUpFound, parent) = await PinFollowUpAsync(message, cancellationToken);
        if (!followUpFound)
        {
            return NotFound();
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == Input.DepartmentId && d.IsActive, cancellationToken);
        var departmentAllowed = department is not null && await currentUser.CanDraftForDepartmentAsync(department.Id, cancellationToken);
        var category = await db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Input.CategoryId && c.IsActive, cancellationToken);
        var uploads = await Uploads.ReadAsync(Input, cancellationToken);
        // Only this message's photos can be kept, relabelled or removed; those the form leaves out stay and count.
        var changes = Input.ExistingPhotos.Select(p => new StoredPhotoChange(p.Id, p.AltText, p.Remove)).ToList();
        var photoPlan = message?.PlanPhotoEdit(changes, uploads.Count) ?? PhotoEditPlan.Create([], changes, uploads.Count);

        // Only a deviation has an end (a follow-up of a deviation is a message about it, not a new deviation).
        var isRoadDeviation = category?.Key == CategoryKeys.RoadDeviation && Input.FollowUpKind == FollowUpKind.None;
        var followUpAllowed = parent is null || parent.CanStartFollowUp(Input.FollowUpKind).Succeeded;
        // The accounts (and so the networks) its deliveries will go to, as ticked on the form.
        var accounts = department is null ? [] : await ComposeTargets.OfDepartmentAsync(db, department.Id, cancellationToken);
        var targets = ComposeTargets.Resolve(Input, accounts, message);
        var form = new MessageForm(Input, departmentAllowed, category is not null, department?.TimeZoneId ?? "Europe/Paris", now, uploads, isRoadDeviation, followUpAllowed, photoPlan,
            targets.TextTargets, targets.Unknown, TargetMissing: targets.Recorded && targets.Accounts.Count == 0 && accounts.Count > 0);
        var validation = await validator.ValidateAsync(form, cancellationToken);
        if (!validation.IsValid)
        {
            foreach (var failure in validation.Errors)
            {
                ModelState.AddModelError(failure.PropertyName, failure.ErrorMessage);
            }

            return await RedisplayAsync(id, cancellationToken);
        }

        // Metadata (EXIF with the GPS position, XMP, IPTC, comments) never reaches the database.
        var cleanUploads = await ComposeUploads.SanitizeAsync(uploads, ModelState, text, cancellationToken);
        if (cleanUploads is null)
        {
            return await RedisplayAsync(id, cancellationToken);
        }

        // Published at once on the live account with nobody reading it first: only once the person confirmed it (the
        // modal says so before the click; a form posted without it, JavaScript off or crafted, changes nothing).
        var requirement = await ValidationRequirements.ForAsync(db, department!, category!, TextsForWords(targets), cancellationToken);
        var validationRequired = requirement.IsRequired;
        var isLive = targets.IsLive;
        var editOfScheduled = message?.Status == MessageStatus.Approved;
        if (!Input.ConfirmLivePublish && LivePublishConfirmation.IsRequired(isLive, validationRequired, Input.ScheduleMode, submit && !editOfScheduled, editOfScheduled))
        {
            LiveConfirmationHandler = submit ? "Submit" : "Save";
            return await RedisplayAsync(id, cancellationToken);
        }

        // X refuses a text the account posted recently: the message is saved as a draft first (nothing typed or uploaded
        // is lost) and the page asks whether to submit it anyway.
        DuplicateTextCheck.RecentPost? duplicate = null;
        if (submit && !Input.ConfirmDuplicate && message?.Status != MessageStatus.Approved)
        {
            duplicate = await DuplicateTextCheck.FindAsync(db, department!.Id, Input.Text, message?.Id, now, cancellationToken);
            submit = duplicate is null;
        }

        // X refuses the same content on several accounts: a campaign's relay must differ from the other departments'.
        if ((submit || editOfScheduled) && message?.CampaignId is not null
            && await Campaigns.CampaignTextCheck.FindIdenticalAsync(db, message, Input.Text, cancellationToken) is { } identical)
        {
            ModelState.AddModelError("Input.Text", Campaigns.CampaignTextCheck.Refusal(campaignText, identical));
            return await RedisplayAsync(id, cancellationToken);
        }

        var wasScheduled = message?.Status == MessageStatus.Approved;
        message = ApplyForm(message, parent, department!, category!, requirement, isRoadDeviation, photoPlan, cleanUploads, now);
        ApplyTargets(message, targets);

        // A scheduled message was kept scheduled or sent back to the validators by the edit itself.
        if (submit && !wasScheduled)
        {
            var result = message.Submit(currentUser.Id, requirement, now);
            if (!result.Succeeded)
            {
                ModelState.AddModelError(string.Empty, MessageStatusDisplay.LifecycleErrorMessage(text, result.Error));
                return await RedisplayAsync(id, cancellationToken);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, shared["Common.ConcurrencyConflict"]);
            return await RedisplayAsync(id, cancellationToken);
        }

        await Uploads.ForgetKeptAsync(cancellationToken);

        if (message.Status == MessageStatus.Approved)
        {
            // Due now: published at once; due later: the publisher plans its next wake-up for it.
            publishingSignal.Notify();
        }

        if (duplicate is not null)
        {
            return RedirectToPage("/Messages/Edit", new { id = message.Id, warnDuplicate = true });
        }

        TempData["Flash"] = wasScheduled
            ? (string)officerText[message.Status == MessageStatus.Approved ? "Flash.EditKeptScheduled" : "Flash.EditBackToValidation"]
            : (string)text[submit ? FlashFor(message.Status) : "Flash.Saved"];
        return RedirectToPage("/Messages/Details", new { id = message.Id });
    }

    /// <summary>
    /// The validated form applied to the message: a new draft (or follow-up) added, or the edit of an existing one (its
    /// version checked at the save), then its schedule, its end (a road deviation) and its photos.
    /// </summary>
    private Message ApplyForm(Message? message, Message? parent, Department department, Category category, ValidationRequirement requirement, bool isRoadDeviation, PhotoEditPlan photoPlan, List<UploadedPhoto> cleanUploads, DateTime now)
    {
        if (message is null)
        {
            message = parent is null
                ? Message.CreateDraft(department.Id, category.Id, Input.Text!, currentUser.Id, now)
                : Message.CreateFollowUp(parent, Input.FollowUpKind, Input.Text!, currentUser.Id, now);
            db.Messages.Add(message);
        }
        else
        {
            db.Entry(message).Property(m => m.Version).OriginalValue = Input.Version;
            message.Edit(currentUser.Id, requirement, now);
            message.CategoryId = category.Id;
            message.ChangeText(currentUser.Id, Input.Text!);
        }

        var scheduledUtc = Input.ScheduleMode == ScheduleMode.At ? DepartmentTime.ToUtc(Input.ScheduledLocal!.Value, department.TimeZoneId).Utc : null;
        message.SetSchedule(Input.ScheduleMode, scheduledUtc, now);
        message.EndsAtUtc = isRoadDeviation ? DepartmentTime.ToUtc(Input.EndsLocal!.Value, department.TimeZoneId).Utc : null;
        message.ApplyPhotoEdit(photoPlan, cleanUploads.Select(u => u.ToStoredPhoto()), currentUser.Id);
        return message;
    }

    private static string FlashFor(MessageStatus status) => status == MessageStatus.Submitted ? "Flash.Submitted" : "Flash.Scheduled";

    /// <summary>
    /// A follow-up stays in its original's department and category (an edited one keeps its link); a new one needs an
    /// original the user drafts for. False when that original is missing or out of reach.
    /// </summary>
    private async Task<(bool Found, Message? Parent)> PinFollowUpAsync(Message? message, CancellationToken cancellationToken)
    {
        if (message is not null)
        {
            Input.FollowUpOfMessageId = message.InReplyToMessageId;
            Input.FollowUpKind = message.FollowUpKind;
            if (message.InReplyToMessageId is not null)
            {
                Input.CategoryId = message.CategoryId;
            }

            return (true, null);
        }

        if (Input.FollowUpOfMessageId is not { } parentId)
        {
            Input.FollowUpKind = FollowUpKind.None;
            return (true, null);
        }

        var parent = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == parentId, cancellationToken);
        if (parent is null || !await currentUser.CanDraftForDepartmentAsync(parent.DepartmentId, cancellationToken))
        {
            return (false, null);
        }

        Input.FollowUpKind = Input.FollowUpKind == FollowUpKind.FoundThanks ? FollowUpKind.FoundThanks : FollowUpKind.Reply;
        Input.DepartmentId = parent.DepartmentId;
        Input.CategoryId = parent.CategoryId;
        return (true, parent);
    }
}
