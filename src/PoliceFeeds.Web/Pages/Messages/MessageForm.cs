using FluentValidation;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Networks;
using PoliceFeeds.Core.Photos;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Core.Text;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>What the compose form posts, as the browser sends it.</summary>
public sealed class MessageInput
{
    public int DepartmentId { get; set; }

    public int CategoryId { get; set; }

    public string? Text { get; set; }

    public ScheduleMode ScheduleMode { get; set; }

    /// <summary>Local date and time in the department's time zone (an &lt;input type="datetime-local"&gt;).</summary>
    public DateTime? ScheduledLocal { get; set; }

    /// <summary>Road deviations: local end time in the department's time zone.</summary>
    public DateTime? EndsLocal { get; set; }

    /// <summary>A new follow-up: the message it follows.</summary>
    public long? FollowUpOfMessageId { get; set; }

    public FollowUpKind FollowUpKind { get; set; }

    /// <summary>"Soumettre quand même": submit although the account posted the same text recently.</summary>
    public bool ConfirmDuplicate { get; set; }

    /// <summary>
    /// "Soumettre et publier": the person confirmed publishing at once on the live account with no validation
    /// (<see cref="LivePublishConfirmation"/>); posted only by the confirmation modal's button or the page's alert.
    /// </summary>
    public bool ConfirmLivePublish { get; set; }

    /// <summary>Concurrency token of the message being edited.</summary>
    public int Version { get; set; }

    public List<PhotoUploadInput> NewPhotos { get; set; } = [];

    public List<ExistingPhotoInput> ExistingPhotos { get; set; } = [];

    /// <summary>Photos uploaded with a form that was refused, kept server-side (<see cref="PendingPhotoStore"/>).</summary>
    public List<PendingPhotoInput> PendingPhotos { get; set; } = [];

    /// <summary>The compose form of an existing message, its times in its department's time zone, its photos in order.</summary>
    public static MessageInput Of(Message message, string timeZoneId) => new()
    {
        DepartmentId = message.DepartmentId,
        CategoryId = message.CategoryId,
        Text = message.Text,
        ScheduleMode = message.ScheduleMode,
        ScheduledLocal = message.ScheduledAtUtc is { } at ? DepartmentTime.ToLocal(at, timeZoneId) : null,
        Version = message.Version,
        EndsLocal = message.EndsAtUtc is { } ends ? DepartmentTime.ToLocal(ends, timeZoneId) : null,
        FollowUpOfMessageId = message.InReplyToMessageId,
        FollowUpKind = message.FollowUpKind,
        ExistingPhotos = message.Photos.OrderBy(p => p.Position).Select(p => new ExistingPhotoInput { Id = p.Id, AltText = p.AltText }).ToList(),
    };

    /// <summary>
    /// The compose form of a follow-up of <paramref name="parent"/>, in its department and category: a reply starts
    /// empty, the thank-you after a found person from the department's template.
    /// </summary>
    public static MessageInput FollowUpOf(Message parent, FollowUpKind kind, Department department) => new()
    {
        DepartmentId = parent.DepartmentId,
        CategoryId = parent.CategoryId,
        FollowUpOfMessageId = parent.Id,
        FollowUpKind = kind,
        Text = kind == FollowUpKind.FoundThanks ? department.FoundThanksTemplate : null,
    };

    /// <summary>The compose form of a new message of the department, empty or from <paramref name="template"/>'s category and text.</summary>
    public static MessageInput New(int departmentId, Core.Templates.MessageTemplate? template) => template is null
        ? new MessageInput { DepartmentId = departmentId }
        : new MessageInput { DepartmentId = departmentId, CategoryId = template.CategoryId, Text = template.ComposeText() };
}

public sealed class PendingPhotoInput
{
    public string? Token { get; set; }

    public string? FileName { get; set; }

    public string? AltText { get; set; }

    public bool Remove { get; set; }
}

public sealed class PhotoUploadInput
{
    public IFormFile? File { get; set; }

    public string? AltText { get; set; }
}

public sealed class ExistingPhotoInput
{
    public long Id { get; set; }

    public string? AltText { get; set; }

    public bool Remove { get; set; }
}

/// <summary>
/// The form once the handler has read it: the input plus what only the server knows (whether the department and
/// category are allowed, the department's time zone, the current time, the uploaded bytes).
/// </summary>
public sealed record MessageForm(
    MessageInput Input,
    bool DepartmentAllowed,
    bool CategoryExists,
    string TimeZoneId,
    DateTime NowUtc,
    IReadOnlyList<UploadedPhoto> Uploads,
    bool IsRoadDeviation = false,
    bool FollowUpAllowed = true,
    PhotoEditPlan? PhotoPlan = null,
    IReadOnlyList<NetworkTarget>? Targets = null)
{
    /// <summary>
    /// The text as each of the other networks the message goes to counts it (X's count is <see cref="ParsedText"/>), each
    /// account against its own limits (a Mastodon instance's); accounts with the same limits are checked once.
    /// </summary>
    public IReadOnlyList<NetworkTextCheck> OtherNetworkChecks => _otherChecks ??= (Targets ?? [])
        .Where(t => t.Network != PublishingNetwork.X).Distinct().OrderBy(t => t.Network)
        .Select(t => NetworkTextRules.Check(t.Network, Input.Text ?? "", t.Limits)).Distinct().ToList();

    private IReadOnlyList<NetworkTextCheck>? _otherChecks;

    /// <summary>When the message is due: its scheduled time, or now for "as soon as validated".</summary>
    public DateTime StartUtc => Input.ScheduleMode == ScheduleMode.At && Input.ScheduledLocal is { } local
        ? DepartmentTime.ToUtc(local, TimeZoneId).Utc ?? NowUtc
        : NowUtc;

    /// <summary>The stored photos, minus those removed, plus the uploads (a form that leaves photos out keeps them).</summary>
    public int PhotoCount => PhotoPlan?.CountAfter ?? Uploads.Count + Input.ExistingPhotos.Count(p => !p.Remove);

    private TweetTextResult? _parsedText;

    /// <summary>X's count of the text, parsed once per request (the validator's rules all read it).</summary>
    public TweetTextResult ParsedText => _parsedText ??= TweetText.Parse(Input.Text ?? "");
}

/// <summary>The rules a person sees on the compose page, with French messages.</summary>
public sealed class MessageFormValidator : AbstractValidator<MessageForm>
{
    /// <summary>A deviation lasts at most this long after its publication.</summary>
    public const int MaxDeviationDays = 90;

    public MessageFormValidator(IStringLocalizer<MessagesText> text)
    {
        RuleFor(f => f.DepartmentAllowed).Equal(true).WithName("Input.DepartmentId").WithMessage(_ => text["Validation.DepartmentNotAllowed"]);
        RuleFor(f => f.CategoryExists).Equal(true).WithName("Input.CategoryId").WithMessage(_ => text["Validation.UnknownCategory"]);

        RuleFor(f => f.Input.Text).Cascade(CascadeMode.Stop)
            .NotEmpty().WithName("Input.Text").WithMessage(_ => text["Validation.TextRequired"])
            // The length is capped before any parsing; then one parse serves every rule.
            .Must(t => t!.Length <= TweetText.MaxTextLength)
            .WithMessage(_ => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.TextOverMaxLength"], TweetText.MaxTextLength))
            .Must((f, _) => !f.ParsedText.TimedOut).WithMessage(_ => text["Validation.TextNotAnalysed"])
            .Must((f, _) => !f.ParsedText.HasInvalidCharacters).WithMessage(_ => text["Validation.TextInvalidCharacter"])
            .Must((f, _) => f.ParsedText.WeightedLength <= TweetText.MaxWeightedLength)
            .WithMessage(f => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.TextTooLong"], f.ParsedText.WeightedLength, TweetText.MaxWeightedLength))
            // Each other network the department publishes to counts the text its own way (Bluesky's 300 graphemes count a
            // link at its full length, where X counts 23).
            .Must((f, _) => f.OtherNetworkChecks.All(c => c.IsValid))
            .WithMessage(f => string.Join(" ", f.OtherNetworkChecks.Where(c => !c.IsValid).Select(c => c.BytesOver
                ? string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.TextTooLongInBytes"], c.Network)
                : string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.TextTooLongFor"], c.Network, c.Count, c.Limit))));

        When(f => f.Input.ScheduleMode == ScheduleMode.At, () =>
        {
            RuleFor(f => f.Input.ScheduledLocal).Cascade(CascadeMode.Stop)
                .NotNull().WithName("Input.ScheduledLocal").WithMessage(_ => text["Validation.ScheduleRequired"])
                .Must((f, local) => DepartmentTime.ToUtc(local!.Value, f.TimeZoneId).Problem != LocalTimeProblem.DoesNotExist)
                .WithMessage(_ => text["Validation.ScheduleDoesNotExist"])
                .Must((f, local) => DepartmentTime.ToUtc(local!.Value, f.TimeZoneId).Problem != LocalTimeProblem.Ambiguous)
                .WithMessage(_ => text["Validation.ScheduleAmbiguous"])
                .Must((f, local) => DepartmentTime.ToUtc(local!.Value, f.TimeZoneId).Utc > f.NowUtc)
                .WithMessage(_ => text["Validation.ScheduleInPast"])
                .Must((f, local) => DepartmentTime.ToUtc(local!.Value, f.TimeZoneId).Utc <= f.NowUtc.AddYears(1))
                .WithMessage(_ => text["Validation.ScheduleTooFar"]);
        });

        RuleFor(f => f.FollowUpAllowed).Equal(true).WithName("Input.FollowUpOfMessageId").WithMessage(_ => text["Validation.FollowUpNotAllowed"]);

        When(f => f.IsRoadDeviation, () =>
        {
            RuleFor(f => f.Input.EndsLocal).Cascade(CascadeMode.Stop)
                .NotNull().WithName("Input.EndsLocal").WithMessage(_ => text["Validation.EndRequired"])
                .Must((f, local) => DepartmentTime.ToUtc(local!.Value, f.TimeZoneId).Problem != LocalTimeProblem.DoesNotExist)
                .WithMessage(_ => text["Validation.EndDoesNotExist"])
                .Must((f, local) => DepartmentTime.ToUtc(local!.Value, f.TimeZoneId).Problem != LocalTimeProblem.Ambiguous)
                .WithMessage(_ => text["Validation.EndAmbiguous"])
                .Must((f, local) => DepartmentTime.ToUtc(local!.Value, f.TimeZoneId).Utc > f.StartUtc)
                .WithMessage(_ => text["Validation.EndBeforeStart"])
                // A difference, not StartUtc + 90 days: a start typed in year 9999 has no day 90 days later.
                .Must((f, local) => DepartmentTime.ToUtc(local!.Value, f.TimeZoneId).Utc - f.StartUtc <= TimeSpan.FromDays(MaxDeviationDays))
                .WithMessage(_ => text["Validation.EndTooFar"]);
        });

        RuleFor(f => f.PhotoPlan!.Error).NotEqual(PhotoEditError.UnknownPhoto).When(f => f.PhotoPlan is not null).WithName("Input.ExistingPhotos")
            .WithMessage(_ => text["Validation.PhotoUnknown"]);
        RuleFor(f => f.PhotoPlan!.Error).NotEqual(PhotoEditError.RepeatedPhoto).When(f => f.PhotoPlan is not null).WithName("Input.ExistingPhotos")
            .WithMessage(_ => text["Validation.PhotoRepeated"]);
        RuleFor(f => f.PhotoCount).LessThanOrEqualTo(ImageFormat.MaxPhotosPerMessage).WithName("Input.NewPhotos")
            .WithMessage(_ => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.TooManyPhotos"], ImageFormat.MaxPhotosPerMessage));

        RuleForEach(f => f.Uploads).ChildRules(photo =>
        {
            photo.RuleFor(p => p.Content).Cascade(CascadeMode.Stop)
                .Must(c => c.Length > 0).WithName("Input.NewPhotos").WithMessage(p => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.PhotoEmpty"], p.FileName))
                .Must((p, c) => p.DetectedContentType is not null).WithMessage(p => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.PhotoNotAnImage"], p.FileName))
                .Must((p, c) => c.Length <= ImageFormat.MaxBytesFor(p.DetectedContentType!))
                .WithMessage(p => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.PhotoTooLarge"], p.FileName, ImageFormat.MaxBytesFor(p.DetectedContentType!) / (1024 * 1024)))
                .Must((p, c) => ImageFormat.IsWellFormed(c, p.DetectedContentType!))
                .WithMessage(p => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.PhotoNotWellFormed"], p.FileName))
                .Must((p, c) => ImageDimensions.IsWithinBounds(ImageDimensions.Read(c, p.DetectedContentType!)))
                .WithMessage(p => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.PhotoTooManyPixels"], p.FileName, ImageDimensions.MaxSide));
            photo.RuleFor(p => p.AltText).Cascade(CascadeMode.Stop)
                .NotEmpty().WithName("Input.NewPhotos").WithMessage(p => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.AltTextRequired"], p.FileName))
                .MaximumLength(ImageFormat.MaxAltTextLength).WithMessage(p => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.AltTextTooLong"], p.FileName, ImageFormat.MaxAltTextLength));
        });

        RuleForEach(f => f.Input.ExistingPhotos).ChildRules(photo =>
        {
            photo.When(p => !p.Remove, () =>
            {
                photo.RuleFor(p => p.AltText).Cascade(CascadeMode.Stop)
                    .NotEmpty().WithName("Input.ExistingPhotos").WithMessage(_ => text["Validation.ExistingAltTextRequired"])
                    .MaximumLength(ImageFormat.MaxAltTextLength).WithMessage(_ => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.ExistingAltTextTooLong"], ImageFormat.MaxAltTextLength));
            });
        });
    }
}
