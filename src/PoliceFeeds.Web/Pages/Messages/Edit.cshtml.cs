using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Photos;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>Compose a new message (<c>/Messages/Edit?departmentId=N</c>) or edit one (<c>/Messages/Edit/ID</c>).</summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed partial class EditModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    IValidator<MessageForm> validator,
    IStringLocalizer<MessagesText> text,
    IStringLocalizer<SharedResource> shared,
    IStringLocalizer<OfficerText> officerText,
    IStringLocalizer<Campaigns.CampaignsText> campaignText,
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
    /// (false), by <see cref="EditValidationRule"/> with the department, the category and the text shown; null otherwise.
    /// </summary>
    public bool? ScheduledEditNeedsValidation => Status == MessageStatus.Approved && Requirement is { } requirement
        ? EditValidationRule.IsRequired(requirement)
        : null;

    /// <summary>
    /// Whether "Soumettre" sends the form as shown to a validator, and why (<see cref="ValidationRequirements"/>): the
    /// department, the category, the sensitive words of the text. Null when the department is not one the user drafts for.
    /// </summary>
    public ValidationRequirement? Requirement { get; private set; }

    /// <summary>For a campaign's draft: the campaign (the page says to adapt it and offers to decline).</summary>
    public Campaigns.CampaignDraftInfo? Campaign { get; private set; }

    public Department? Department => Departments.FirstOrDefault(d => d.Id == Input.DepartmentId);

    public string Handle { get; private set; } = "";

    /// <summary>Whether an account the form targets publishes for real (live), not to the training timeline.</summary>
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
            Input = MessageInput.FollowUpOf(parent, followUpKind, department);
            if (!parent.CanStartFollowUp(followUpKind).Succeeded)
            {
                ModelState.AddModelError(string.Empty, text["Validation.FollowUpNotAllowed"]);
            }
        }
        else
        {
            var mine = await currentUser.GetDraftDepartmentIdsAsync(cancellationToken);
            if (!currentUser.MayDraft)
            {
                return Forbid();
            }

            var template = templateId is { } wanted ? await db.MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == wanted, cancellationToken) : null;
            var chosen = departmentId ?? template?.DepartmentId ?? mine.DefaultIfEmpty().Min();
            if (!mine.Contains(chosen) || (templateId is not null && template?.IsOfferedTo(chosen) != true))
            {
                return NotFound();
            }

            Input = MessageInput.New(chosen, template);
            TemplateId = template?.Id;
        }

        await LoadChoicesAsync(id, cancellationToken);
        return Page();
    }

    private async Task<Message?> LoadEditableAsync(long id, CancellationToken cancellationToken)
    {
        var message = await db.Messages.Include(m => m.Photos).Include(m => m.Variants).Include(m => m.Targets).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
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
        var mine = await currentUser.GetDraftDepartmentIdsAsync(cancellationToken);
        Departments = await db.Departments.AsNoTracking().Where(d => d.IsActive && mine.Contains(d.Id)).OrderBy(d => d.Code).ToListAsync(cancellationToken);
        Categories = await db.Categories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);

        // The department comes from the form: a redrawn form may carry one the user does not draft for. Its templates,
        // handle and mode are read only once that right is checked.
        if (!await currentUser.CanDraftForDepartmentAsync(Input.DepartmentId, cancellationToken))
        {
            Templates = [];
            Handle = "";
            IsLiveAccount = false;
            Accounts = [];
        }
        else
        {
            if (id is null && Input.FollowUpOfMessageId is null)
            {
                Templates = await PoliceFeeds.Web.Pages.Templates.TemplateChoices.OfferedAsync(db, Input.DepartmentId, cancellationToken);
            }

            if (Departments.FirstOrDefault(d => d.Id == Input.DepartmentId) is { } department)
            {
                Requirement = await ValidationRequirements.ForAsync(db, department, Categories.FirstOrDefault(c => c.Id == Input.CategoryId), Input.Text, cancellationToken);
            }

            // The preview is X's: the department's first X account's handle (or its first account's); live if any account is.
            Handle = await db.PublishingAccounts.AsNoTracking().Where(a => a.DepartmentId == Input.DepartmentId)
                .OrderBy(a => a.Network == PublishingNetwork.X ? 0 : 1).ThenBy(a => a.Id)
                .Select(a => a.Handle).FirstOrDefaultAsync(cancellationToken) ?? "";
            await LoadTargetsAsync(id, cancellationToken);
            IsLiveAccount = Accounts.Any(a => a.IsLive && Input.TargetAccountIds.Contains(a.Id));
        }

        if (id is { } messageId)
        {
            Campaign = await Campaigns.CampaignDraftInfo.ForMessageAsync(db, messageId, cancellationToken);
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
