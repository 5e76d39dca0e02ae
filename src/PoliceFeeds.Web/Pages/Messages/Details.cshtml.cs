using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>One message: its text, photos, schedule, history, and the actions its status and the user's role allow.</summary>
public sealed partial class DetailsModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    IStringLocalizer<MessagesText> text,
    IStringLocalizer<SharedResource> shared,
    PublishingSignal publishingSignal,
    NationalSettingsCache national,
    TimeProvider timeProvider,
    Microsoft.Extensions.Options.IOptions<PublishingOptions> publishingOptions,
    IStringLocalizer<Campaigns.CampaignsText> campaignText) : PageModel
{
    public Message Message { get; private set; } = null!;

    /// <summary>The department, category, photos, history, deliveries and thread the page shows with the message.</summary>
    public MessagePageContent Shown { get; private set; } = null!;

    public Department Department => Shown.Department;

    public Category? Category => Shown.Category;

    public string Handle => Shown.Handle;

    public IReadOnlyList<MessagePageContent.PhotoView> Photos => Shown.Photos;

    public IReadOnlyList<AuditEntry> History => Shown.History;

    /// <summary>Where the message goes, and how far each delivery got (what the page shows about publishing).</summary>
    public IReadOnlyList<Delivery> Deliveries => Shown.Deliveries;

    public MessagePageContent.ThreadItem? Parent => Shown.Parent;

    public IReadOnlyList<MessagePageContent.ThreadItem> FollowUps => Shown.FollowUps;

    public PublishingPauseBanner Banner { get; private set; } = new(false, null, false, null);

    /// <summary>What the user may do with the message (<see cref="MessageActions"/>: the rules, unit-tested in Core).</summary>
    public MessageActions Actions { get; private set; } = MessageActions.None;

    /// <summary>Days a published appeal has been open, when more than the department's threshold.</summary>
    public int? OpenAppealDays { get; private set; }

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

    /// <summary>The viewer validates for the message's department (settles a delivery "to check by hand").</summary>
    public bool CanValidate { get; private set; }

    /// <summary>The text each network takes instead of the main text (validated with it).</summary>
    public IReadOnlyList<MessageVariant> Variants { get; private set; } = [];

    /// <summary>For a draft the user may submit: whether "Soumettre" sends it to a validator, and why.</summary>
    public ValidationRequirement? SubmitRequirement { get; private set; }

    /// <summary>For a campaign's relay: the campaign (a banner names it and offers to decline).</summary>
    public Campaigns.CampaignDraftInfo? Campaign { get; private set; }

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
        Shown = await MessagePageContent.LoadAsync(db, message, cancellationToken);
        Variants = await db.MessageVariants.AsNoTracking().Where(v => v.MessageId == message.Id).OrderBy(v => v.Network).ToListAsync(cancellationToken);
        Banner = await PublishingPauseBanner.LoadAsync(national, db, Department);
        var viewer = new MessageViewer(
            currentUser.Id,
            await currentUser.CanDraftForDepartmentAsync(message.DepartmentId, cancellationToken),
            await currentUser.CanValidateForDepartmentAsync(message.DepartmentId, cancellationToken));
        CanValidate = viewer.ValidatesForDepartment;
        var stalled = message.Status == MessageStatus.Publishing
            && await DeliveryChecks.IsPublishingStalledAsync(db, message.Id, timeProvider.GetUtcNow().UtcDateTime, publishingOptions.Value.ClockSkewTolerance, cancellationToken);
        Actions = MessageActions.For(message, Category?.Key, viewer, Deliveries.Any(d => d.Status == DeliveryStatus.Held), stalled,
            hasFailedDelivery: Deliveries.Any(d => d.Status == DeliveryStatus.Failed));
        // From what the page already read (the account's mode, the department and the category): the submit handler
        // asks the database again (PublishesAtOnceOnLiveAsync), as it stands when the button is pressed.
        SubmitRequirement = Actions.Edit && message.Status is (MessageStatus.Draft or MessageStatus.Rejected) && Category is { } category
            ? await ValidationRequirements.ForAsync(db, Department, category, message.Text, cancellationToken)
            : null;
        SubmitPublishesLive = SubmitRequirement is { } requirement
            && LivePublishConfirmation.IsRequired(Shown.AccountIsLive, requirement.IsRequired, message.ScheduleMode, submitting: true, editOfScheduled: false);
        Campaign = message.CampaignId is null ? null : await Campaigns.CampaignDraftInfo.ForMessageAsync(db, message.Id, cancellationToken);
        OpenAppealDays = OpenAppeals.DaysOpen(Category?.Key == CategoryKeys.MissingPerson, message.Status, message.FoundAtUtc, message.PublishedAtUtc,
            timeProvider.GetUtcNow().UtcDateTime, Department.FlagOpenAppealsAfterDays);
    }

    public DateTime Local(DateTime utc) => DepartmentTime.ToLocal(utc, Department.TimeZoneId);

    public string NameOf(string? userId) => userId is null ? "" : Shown.UserNames.TryGetValue(userId, out var name) ? name : text["Details.System"];
}
