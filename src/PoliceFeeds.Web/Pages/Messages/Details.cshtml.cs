using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Sandbox;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>One message: its text, photos, schedule, history, and the actions its status and the user's role allow.</summary>
public sealed class DetailsModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    IStringLocalizer<MessagesText> text,
    IStringLocalizer<SharedResource> shared,
    PublishingSignal publishingSignal,
    NationalSettingsCache national,
    TimeProvider timeProvider) : PageModel
{
    public Message Message { get; private set; } = null!;

    public Department Department { get; private set; } = null!;

    public Category? Category { get; private set; }

    public string Handle { get; private set; } = "";

    public IReadOnlyList<PhotoView> Photos { get; private set; } = [];

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    public IReadOnlyDictionary<string, string> UserNames { get; private set; } = new Dictionary<string, string>();

    public SandboxPost? SandboxPost { get; private set; }

    /// <summary>Where the message goes, and how far each delivery got (what the page shows about publishing).</summary>
    public IReadOnlyList<Delivery> Deliveries { get; private set; } = [];

    /// <summary>A delivery is held (account mode changed or disconnected) and the user may approve it again.</summary>
    public bool CanReapprove { get; private set; }

    public PublishingPauseBanner Banner { get; private set; } = new(false, null, false, null);

    public bool CanEdit { get; private set; }

    public bool CanValidate { get; private set; }

    /// <summary>Missing-person appeal not yet found, and the user is a validator of the department or its author.</summary>
    public bool CanMarkFound { get; private set; }

    /// <summary>Road deviation not yet ended, published or on its way, and the user drafts for the department.</summary>
    public bool CanEndDeviation { get; private set; }

    /// <summary>Published post that a validator of the department may take down by hand.</summary>
    public bool CanWithdraw { get; private set; }

    public bool CanFollowUp { get; private set; }

    /// <summary>"Dupliquer": the user drafts for the department and the text was not redacted (see Duplicate.cshtml.cs).</summary>
    public bool CanDuplicate { get; private set; }

    /// <summary>Found appeal for which the user may prepare the thank-you message.</summary>
    public bool CanPrepareThanks { get; private set; }

    /// <summary>Days a published appeal has been open, when more than the department's threshold.</summary>
    public int? OpenAppealDays { get; private set; }

    public ThreadItem? Parent { get; private set; }

    public IReadOnlyList<ThreadItem> FollowUps { get; private set; } = [];

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? RejectionReason { get; set; }

    [BindProperty]
    public bool PrepareThanks { get; set; }

    [BindProperty]
    public string? WithdrawalReason { get; set; }

    /// <summary>"Soumettre quand même": submit although the account posted the same text recently.</summary>
    [BindProperty]
    public bool ConfirmDuplicate { get; set; }

    /// <summary>"Soumettre et publier": publishing at once on the live account was confirmed (<see cref="LivePublishConfirmation"/>).</summary>
    [BindProperty]
    public bool ConfirmLivePublish { get; set; }

    /// <summary>
    /// Posted by the buttons that stand in for the modals' openers without JavaScript: the page comes back with the
    /// action's confirmation open, and nothing changes until its own button is pressed.
    /// </summary>
    [BindProperty]
    public bool AskConfirmation { get; set; }

    /// <summary>The confirmation the server shows open (its modal's id), after <see cref="AskConfirmation"/>.</summary>
    public string? OpenConfirmation { get; private set; }

    /// <summary>After "Soumettre": the account's recent post with the same text, which X would refuse as a duplicate.</summary>
    public DuplicateTextCheck.RecentPost? DuplicateOf { get; private set; }

    /// <summary>"Soumettre" was posted without the confirmation that it publishes at once on the live account.</summary>
    public bool LiveConfirmationMissing { get; private set; }

    /// <summary>Submitting this draft publishes it at once on the live account with no validation: the button asks first.</summary>
    public bool SubmitPublishesLive { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var message = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null || !await currentUser.CanViewDepartmentAsync(message.DepartmentId, cancellationToken))
        {
            return NotFound();
        }

        await LoadAsync(message, cancellationToken);
        return Page();
    }

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
        }

        return await ActAsync(id, ActionKind.Draft, async (message, now) =>
            message.Submit(currentUser.Id, await ValidationRequiredAsync(message, cancellationToken), now), cancellationToken);
    }

    private async Task<bool> ValidationRequiredAsync(Message message, CancellationToken cancellationToken)
    {
        var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == message.DepartmentId, cancellationToken);
        var category = await db.Categories.AsNoTracking().SingleAsync(c => c.Id == message.CategoryId, cancellationToken);
        return ValidationPolicy.IsRequired(department.RequiresValidation, category.RequiresValidation);
    }

    private async Task<bool> PublishesAtOnceOnLiveAsync(Message message, CancellationToken cancellationToken)
    {
        var live = await LiveAccount.IsLiveAsync(db, message.DepartmentId, cancellationToken);
        return live && LivePublishConfirmation.IsRequired(live, await ValidationRequiredAsync(message, cancellationToken), message.ScheduleMode, submitting: true, editOfScheduled: false);
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

        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (await DeliveryChecks.ReapproveHeldAsync(db, message, now, cancellationToken) == 0)
        {
            return await RedisplayWithErrorAsync(id, MessageStatusDisplay.LifecycleErrorMessage(text, LifecycleError.NotAllowedInCurrentStatus), cancellationToken);
        }

        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = now,
            ActorId = currentUser.Id,
            Action = "message.reapproved",
            EntityType = nameof(Core.Messages.Message),
            EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DepartmentId = message.DepartmentId,
            FromStatus = message.Status.ToString(),
            ToStatus = message.Status.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
        publishingSignal.Notify();
        TempData["Flash"] = (string)text["Flash.Reapproved"];
        return RedirectToPage("/Messages/Details", new { id });
    }

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

    private async Task<IActionResult> RedisplayAsync(long id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var fresh = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        await LoadAsync(fresh, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(Message message, CancellationToken cancellationToken)
    {
        Message = message;
        Version = message.Version;
        Department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == message.DepartmentId, cancellationToken);
        Category = await db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == message.CategoryId, cancellationToken);
        Handle = await db.XAccounts.AsNoTracking().Where(a => a.DepartmentId == message.DepartmentId).Select(a => a.Handle).SingleOrDefaultAsync(cancellationToken) ?? "";
        Photos = await db.MessagePhotos.AsNoTracking()
            .Where(p => p.MessageId == message.Id)
            .OrderBy(p => p.Position)
            .Select(p => new PhotoView(p.Id, p.AltText, p.ContentType, p.Length))
            .ToListAsync(cancellationToken);
        var entityId = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Core.Messages.Message) && a.EntityId == entityId)
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var userIds = History.Select(h => h.ActorId).Append(message.AuthorId).Concat(message.ValidatorId is { } v ? [v] : []).Distinct().ToList();
        UserNames = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        Deliveries = await db.Deliveries.AsNoTracking().Where(d => d.MessageId == message.Id).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        if (Deliveries.FirstOrDefault(d => d.Mode == DeliveryMode.Training && d.RemotePostId != null)?.RemotePostId is { } postId)
        {
            SandboxPost = await db.SandboxPosts.AsNoTracking().SingleOrDefaultAsync(p => p.PostId == postId, cancellationToken);
        }

        Banner = await PublishingPauseBanner.LoadAsync(national, db, Department);
        CanEdit = message.IsEditable && await currentUser.CanDraftForDepartmentAsync(message.DepartmentId, cancellationToken);
        SubmitPublishesLive = CanEdit && message.Status is (MessageStatus.Draft or MessageStatus.Rejected) && await PublishesAtOnceOnLiveAsync(message, cancellationToken);
        var isValidator = await currentUser.CanValidateForDepartmentAsync(message.DepartmentId, cancellationToken);
        var canDraft = await currentUser.CanDraftForDepartmentAsync(message.DepartmentId, cancellationToken);
        CanValidate = message.Status == MessageStatus.Submitted && isValidator && message.CanBeReviewedBy(currentUser.Id);

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var categoryKey = Category?.Key;
        CanMarkFound = categoryKey == CategoryKeys.MissingPerson && message.FoundAtUtc is null
            && message.Status is not (MessageStatus.Cancelled or MessageStatus.Withdrawn or MessageStatus.Publishing)
            && (isValidator || (message.AuthorId == currentUser.Id && canDraft));
        CanEndDeviation = categoryKey == CategoryKeys.RoadDeviation && message.EndedAtUtc is null && canDraft
            && (message.Status == MessageStatus.Published || message.IsEditable);
        CanWithdraw = message.Status == MessageStatus.Published && isValidator;
        CanReapprove = isValidator && Deliveries.Any(d => d.Status == DeliveryStatus.Held);
        CanFollowUp = canDraft && message.CanStartFollowUp(FollowUpKind.Reply).Succeeded && message.RedactedAtUtc is null;
        CanDuplicate = canDraft && message.CanBeDuplicated;
        CanPrepareThanks = canDraft && message.CanStartFollowUp(FollowUpKind.FoundThanks).Succeeded;
        if (categoryKey == CategoryKeys.MissingPerson && message.Status == MessageStatus.Published && message.FoundAtUtc is null
            && message.PublishedAtUtc is { } publishedAt && (now - publishedAt).TotalDays > Department.FlagOpenAppealsAfterDays)
        {
            OpenAppealDays = (int)(now - publishedAt).TotalDays;
        }

        if (message.InReplyToMessageId is { } parentId)
        {
            Parent = await db.Messages.AsNoTracking().Where(m => m.Id == parentId)
                .Select(m => new ThreadItem(m.Id, m.FollowUpKind, m.Status, m.Text, m.CreatedAtUtc, m.PublishedAtUtc))
                .SingleOrDefaultAsync(cancellationToken);
        }

        FollowUps = await db.Messages.AsNoTracking().Where(m => m.InReplyToMessageId == message.Id)
            .OrderBy(m => m.Id)
            .Select(m => new ThreadItem(m.Id, m.FollowUpKind, m.Status, m.Text, m.CreatedAtUtc, m.PublishedAtUtc))
            .ToListAsync(cancellationToken);
    }

    public DateTime Local(DateTime utc) => DepartmentTime.ToLocal(utc, Department.TimeZoneId);

    public string NameOf(string? userId) => userId is null ? "" : UserNames.TryGetValue(userId, out var name) ? name : text["Details.System"];

    private enum ActionKind
    {
        Draft,
        Validate,
        ValidateOrAuthor,
    }

    public sealed record ThreadItem(long Id, FollowUpKind Kind, MessageStatus Status, string Text, DateTime CreatedAtUtc, DateTime? PublishedAtUtc);

    public sealed record PhotoView(long Id, string AltText, string ContentType, long Length);
}
