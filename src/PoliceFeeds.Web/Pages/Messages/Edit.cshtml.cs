using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Photos;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>Compose a new message (<c>/Messages/Edit?departmentId=N</c>) or edit one (<c>/Messages/Edit/ID</c>).</summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class EditModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    IValidator<MessageForm> validator,
    IStringLocalizer<MessagesText> text,
    IStringLocalizer<SharedResource> shared,
    IStringLocalizer<OfficerText> officerText,
    PublishingSignal publishingSignal,
    PendingPhotoStore pendingPhotos,
    TimeProvider timeProvider) : PageModel
{
    /// <summary>Four GIFs at X's largest size, plus the form's text: anything larger is not a valid message.</summary>
    public const long MaxRequestBytes = (ImageFormat.MaxPhotosPerMessage * ImageFormat.MaxGifBytes) + (1024 * 1024);

    [BindProperty]
    public MessageInput Input { get; set; } = new();

    public long? MessageId { get; private set; }

    public MessageStatus? Status { get; private set; }

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    public IReadOnlyList<PhotoView> StoredPhotos { get; private set; } = [];

    /// <summary>For a new message: the templates offered for its department, and the one it started from.</summary>
    public IReadOnlyList<Core.Templates.MessageTemplate> Templates { get; private set; } = [];

    public int? TemplateId { get; private set; }

    /// <summary>After "Soumettre": the account's recent post with the same text, which X would refuse as a duplicate.</summary>
    public DuplicateTextCheck.RecentPost? DuplicateOf { get; private set; }

    /// <summary>
    /// The form was posted without the confirmation that saving it publishes at once on the live account: the page asks
    /// for it, and this is the handler its "Soumettre et publier" button posts again ("Submit" or "Save").
    /// </summary>
    public string? LiveConfirmationHandler { get; private set; }

    /// <summary>
    /// For a scheduled message: whether saving this edit sends it back to the validators (true) or keeps it scheduled
    /// (false), by <see cref="EditValidationRule"/> with the department and the category shown; null otherwise.
    /// </summary>
    public bool? ScheduledEditNeedsValidation => Status == MessageStatus.Approved && Department is { } department
        ? EditValidationRule.IsRequired(department.RequiresValidation, Categories.FirstOrDefault(c => c.Id == Input.CategoryId)?.RequiresValidation ?? false)
        : null;

    public Department? Department => Departments.FirstOrDefault(d => d.Id == Input.DepartmentId);

    public string Handle { get; private set; } = "";

    /// <summary>Whether the department's X account publishes for real (live) or to the training timeline.</summary>
    public bool IsLiveAccount { get; private set; }

    private ComposeUploads? _uploads;

    /// <summary>The photos of this request (created on first use: the user is known by then).</summary>
    private ComposeUploads Uploads => _uploads ??= new ComposeUploads(pendingPhotos, currentUser.Id);

    public IReadOnlyList<Category> CategoriesForForm => Input.FollowUpOfMessageId is null ? Categories : Categories.Where(c => c.Id == Input.CategoryId).ToList();

    public string? RoadDeviationCategoryId => Categories.FirstOrDefault(c => c.Key == CategoryKeys.RoadDeviation)?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>/Messages/Edit/ID</c> edits a message; <c>?departmentId=N</c> composes one; <c>?followUpOf=ID&amp;kind=Reply</c>
    /// composes a reply to a published message and <c>kind=FoundThanks</c> the thank-you after a found person's appeal.
    /// </summary>
    public async Task<IActionResult> OnGetAsync(long? id, int? departmentId, long? followUpOf, FollowUpKind? kind, bool? warnDuplicate, int? templateId, CancellationToken cancellationToken)
    {
        if (id is { } messageId)
        {
            var message = await LoadEditableAsync(messageId, cancellationToken);
            if (message is null)
            {
                return NotFound();
            }

            var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == message.DepartmentId, cancellationToken);
            Input = MessageInput.Of(message, department.TimeZoneId);
            if (!message.IsEditable)
            {
                return RedirectToPage("/Messages/Details", new { id = messageId });
            }

            if (warnDuplicate == true)
            {
                DuplicateOf = await DuplicateTextCheck.FindAsync(db, message.DepartmentId, message.Text, message.Id, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
            }
        }
        else if (followUpOf is { } parentId)
        {
            var parent = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == parentId, cancellationToken);
            if (parent is null || !await currentUser.CanDraftForDepartmentAsync(parent.DepartmentId, cancellationToken))
            {
                return NotFound();
            }

            var followUpKind = kind == FollowUpKind.FoundThanks ? FollowUpKind.FoundThanks : FollowUpKind.Reply;
            var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == parent.DepartmentId, cancellationToken);
            Input = new MessageInput
            {
                DepartmentId = parent.DepartmentId,
                CategoryId = parent.CategoryId,
                FollowUpOfMessageId = parent.Id,
                FollowUpKind = followUpKind,
                Text = followUpKind == FollowUpKind.FoundThanks ? department.FoundThanksTemplate : null,
            };
            if (!parent.CanStartFollowUp(followUpKind).Succeeded)
            {
                ModelState.AddModelError(string.Empty, text["Validation.FollowUpNotAllowed"]);
            }
        }
        else
        {
            var mine = await currentUser.GetDepartmentIdsAsync(cancellationToken);
            if (!currentUser.IsOfficer && !currentUser.IsValidator)
            {
                return Forbid();
            }

            var template = templateId is { } wanted ? await db.MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == wanted, cancellationToken) : null;
            var chosen = departmentId ?? template?.DepartmentId ?? mine.DefaultIfEmpty().Min();
            if (!mine.Contains(chosen) || (templateId is not null && template?.IsOfferedTo(chosen) != true))
            {
                return NotFound();
            }

            Input = template is null
                ? new MessageInput { DepartmentId = chosen }
                : new MessageInput { DepartmentId = chosen, CategoryId = template.CategoryId, Text = template.ComposeText() };
            TemplateId = template?.Id;
        }

        await LoadChoicesAsync(id, cancellationToken);
        return Page();
    }

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
        var form = new MessageForm(Input, departmentAllowed, category is not null, department?.TimeZoneId ?? "Europe/Paris", now, uploads, isRoadDeviation, followUpAllowed, photoPlan);
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
        var cleanUploads = SanitizeUploads(uploads);
        if (cleanUploads is null)
        {
            return await RedisplayAsync(id, cancellationToken);
        }

        // Published at once on the live account with nobody reading it first: only once the person confirmed it (the
        // modal says so before the click; a form posted without it, JavaScript off or crafted, changes nothing).
        var validationRequired = ValidationPolicy.IsRequired(department!.RequiresValidation, category!.RequiresValidation);
        var isLive = await LiveAccount.IsLiveAsync(db, department.Id, cancellationToken);
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

        var wasScheduled = message?.Status == MessageStatus.Approved;
        message = ApplyForm(message, parent, department, category, isRoadDeviation, photoPlan, cleanUploads, now);

        // A scheduled message was kept scheduled or sent back to the validators by the edit itself.
        if (submit && !wasScheduled)
        {
            var result = message.Submit(currentUser.Id, validationRequired, now);
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
    private Message ApplyForm(Message? message, Message? parent, Department department, Category category, bool isRoadDeviation, PhotoEditPlan photoPlan, List<UploadedPhoto> cleanUploads, DateTime now)
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
            message.Edit(currentUser.Id, EditValidationRule.IsRequired(department.RequiresValidation, category.RequiresValidation), now);
            message.CategoryId = category.Id;
            message.ChangeText(currentUser.Id, Input.Text!);
        }

        var scheduledUtc = Input.ScheduleMode == ScheduleMode.At ? DepartmentTime.ToUtc(Input.ScheduledLocal!.Value, department.TimeZoneId).Utc : null;
        message.SetSchedule(Input.ScheduleMode, scheduledUtc, now);
        message.EndsAtUtc = isRoadDeviation ? DepartmentTime.ToUtc(Input.EndsLocal!.Value, department.TimeZoneId).Utc : null;
        message.ApplyPhotoEdit(photoPlan, cleanUploads.Select(u => u.ToStoredPhoto()));
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

    /// <summary>The uploads without their metadata, or null (with the French messages) when one cannot be re-encoded.</summary>
    private List<UploadedPhoto>? SanitizeUploads(IReadOnlyList<UploadedPhoto> uploads)
    {
        var clean = new List<UploadedPhoto>();
        foreach (var upload in uploads)
        {
            var (sanitized, problem) = upload.Sanitize();
            if (sanitized is not null)
            {
                clean.Add(sanitized);
                continue;
            }

            ModelState.AddModelError("Input.NewPhotos", problem == UploadedPhoto.SanitizeProblem.TooLarge
                ? string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.PhotoTooLarge"], upload.FileName, ImageFormat.MaxBytesFor(upload.DetectedContentType!) / (1024 * 1024))
                : string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.PhotoUnreadable"], upload.FileName));
        }

        return clean.Count == uploads.Count ? clean : null;
    }

    private async Task<Message?> LoadEditableAsync(long id, CancellationToken cancellationToken)
    {
        var message = await db.Messages.Include(m => m.Photos).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null || !await currentUser.CanDraftForDepartmentAsync(message.DepartmentId, cancellationToken))
        {
            return null;
        }

        return message;
    }

    private async Task<IActionResult> RedisplayAsync(long? id, CancellationToken cancellationToken)
    {
        Input.NewPhotos = [];
        Input.PendingPhotos = _uploads is null ? [] : await _uploads.KeepForTheFormAsync(cancellationToken);

        await LoadChoicesAsync(id, cancellationToken);
        return Page();
    }

    private async Task LoadChoicesAsync(long? id, CancellationToken cancellationToken)
    {
        MessageId = id;
        var mine = await currentUser.GetDepartmentIdsAsync(cancellationToken);
        Departments = await db.Departments.AsNoTracking().Where(d => d.IsActive && mine.Contains(d.Id)).OrderBy(d => d.Code).ToListAsync(cancellationToken);
        Categories = await db.Categories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
        if (id is null && Input.FollowUpOfMessageId is null)
        {
            Templates = await PoliceFeeds.Web.Pages.Templates.TemplateChoices.OfferedAsync(db, Input.DepartmentId, cancellationToken);
        }

        var account = await db.XAccounts.AsNoTracking().Where(a => a.DepartmentId == Input.DepartmentId).Select(a => new { a.Handle, a.Mode }).SingleOrDefaultAsync(cancellationToken);
        Handle = account?.Handle ?? "";
        IsLiveAccount = account?.Mode == PoliceFeeds.Core.XAccounts.XAccountMode.Live;
        if (id is { } messageId)
        {
            Status = await db.Messages.Where(m => m.Id == messageId).Select(m => (MessageStatus?)m.Status).SingleOrDefaultAsync(cancellationToken);
            StoredPhotos = await db.MessagePhotos.AsNoTracking()
                .Where(p => p.MessageId == messageId)
                .OrderBy(p => p.Position)
                .Select(p => new PhotoView(p.Id, p.AltText, p.ContentType))
                .ToListAsync(cancellationToken);
        }
    }

    public sealed record PhotoView(long Id, string AltText, string ContentType);
}
