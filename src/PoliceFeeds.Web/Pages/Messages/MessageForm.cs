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
    IReadOnlyList<NetworkTarget>? Targets = null,
    bool TargetUnknown = false,
    bool TargetMissing = false)
{
    /// <summary>Whether X's rules apply: X is a target, or no network is known yet (a department without accounts).</summary>
    public bool CountsForX => Targets is not { Count: > 0 } || Targets.Any(t => t.Network == PublishingNetwork.X);

    /// <summary>The text <paramref name="network"/> takes: its variant, or the main text.</summary>
    public string TextFor(PublishingNetwork network) => Input.VariantFor(network) ?? Input.Text ?? "";

    /// <summary>Each other target network's count of the text it takes, the main text (X's count is <see cref="ParsedText"/>).</summary>
    public IReadOnlyList<NetworkTextCheck> MainTextChecks => _mainChecks ??= OtherNetworks(variant: false);

    /// <summary>Each other target network's count of its own variant.</summary>
    public IReadOnlyList<NetworkTextCheck> VariantChecks => _variantChecks ??= OtherNetworks(variant: true);

    /// <summary>Each account against its own limits (a Mastodon instance's); accounts with the same limits are checked once.</summary>
    private IReadOnlyList<NetworkTextCheck> OtherNetworks(bool variant) => (Targets ?? [])
        .Where(t => t.Network != PublishingNetwork.X && (Input.VariantFor(t.Network) is not null) == variant).Distinct().OrderBy(t => t.Network)
        .Select(t => NetworkTextRules.Check(t.Network, TextFor(t.Network), t.Limits)).Distinct().ToList();

    private IReadOnlyList<NetworkTextCheck>? _mainChecks;
    private IReadOnlyList<NetworkTextCheck>? _variantChecks;

    /// <summary>Whether X takes a variant of its own (its rules then read the variant, not the main text).</summary>
    public bool XHasVariant => Input.VariantFor(PublishingNetwork.X) is not null;

    /// <summary>When the message is due: its scheduled time, or now for "as soon as validated".</summary>
    public DateTime StartUtc => Input.ScheduleMode == ScheduleMode.At && Input.ScheduledLocal is { } local
        ? DepartmentTime.ToUtc(local, TimeZoneId).Utc ?? NowUtc
        : NowUtc;

    /// <summary>The stored photos, minus those removed, plus the uploads (a form that leaves photos out keeps them).</summary>
    public int PhotoCount => PhotoPlan?.CountAfter ?? Uploads.Count + Input.ExistingPhotos.Count(p => !p.Remove);

    private TweetTextResult? _parsedText;

    /// <summary>X's count of the text X takes, parsed once per request (the validator's rules all read it).</summary>
    public TweetTextResult ParsedText => _parsedText ??= TweetText.Parse(TextFor(PublishingNetwork.X));
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

        RuleFor(f => f.TargetUnknown).Equal(false).WithName("Input.TargetAccountIds").WithMessage(_ => text["Validation.TargetUnknown"]);
        RuleFor(f => f.TargetMissing).Equal(false).WithName("Input.TargetAccountIds").WithMessage(_ => text["Validation.TargetRequired"]);

        // The length is capped before any parsing; then one parse serves every X rule. Each target network counts the text
        // it takes (its variant, or the main text) its own way: Bluesky's 300 graphemes count a link at its full length,
        // where X counts 23. A network's refusal is reported on the field it reads.
        XRules(RuleFor(f => f.Input.Text).Cascade(CascadeMode.Stop)
                .NotEmpty().WithName("Input.Text").WithMessage(_ => text["Validation.TextRequired"])
                .Must(t => t!.Length <= TweetText.MaxTextLength).WithMessage(_ => TooLongToAnalyse(text)),
                f => f.CountsForX && !f.XHasVariant, text)
            .Must((f, _) => f.MainTextChecks.All(c => c.IsValid)).WithMessage(f => OverLimits(text, f.MainTextChecks));

        XRules(RuleFor(f => f.Input.Variants).Cascade(CascadeMode.Stop)
                .Must(variants => variants.All(v => (v.Text?.Length ?? 0) <= TweetText.MaxTextLength)).WithName("Input.Variants").WithMessage(_ => TooLongToAnalyse(text)),
                f => f.CountsForX && f.XHasVariant, text)
            .Must((f, _) => f.VariantChecks.All(c => c.IsValid)).WithMessage(f => OverLimits(text, f.VariantChecks));

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

    /// <summary>X's rules on the text X takes, where <paramref name="applies"/> says this field holds it.</summary>
    private static IRuleBuilderOptions<MessageForm, T> XRules<T>(IRuleBuilderOptions<MessageForm, T> rule, Func<MessageForm, bool> applies, IStringLocalizer<MessagesText> text) => rule
        .Must((f, _) => !applies(f) || !f.ParsedText.TimedOut).WithMessage(_ => text["Validation.TextNotAnalysed"])
        .Must((f, _) => !applies(f) || !f.ParsedText.HasInvalidCharacters).WithMessage(_ => text["Validation.TextInvalidCharacter"])
        .Must((f, _) => !applies(f) || f.ParsedText.WeightedLength <= TweetText.MaxWeightedLength)
        .WithMessage(f => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.TextTooLong"], f.ParsedText.WeightedLength, TweetText.MaxWeightedLength));

    private static string TooLongToAnalyse(IStringLocalizer<MessagesText> text) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.TextOverMaxLength"], TweetText.MaxTextLength);

    private static string OverLimits(IStringLocalizer<MessagesText> text, IEnumerable<NetworkTextCheck> checks) => string.Join(" ", checks.Where(c => !c.IsValid).Select(c => c.BytesOver
        ? string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.TextTooLongInBytes"], c.Network)
        : string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.TextTooLongFor"], c.Network, c.Count, c.Limit)));
}
