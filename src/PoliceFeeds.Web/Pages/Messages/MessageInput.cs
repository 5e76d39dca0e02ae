using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Scheduling;

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

    /// <summary>Whether the form showed the choice of accounts (a form without it keeps the message's targets).</summary>
    public bool TargetsShown { get; set; }

    /// <summary>The accounts ticked, when <see cref="TargetsShown"/>.</summary>
    public List<int> TargetAccountIds { get; set; } = [];

    /// <summary>The optional text per network (blank: the network takes <see cref="Text"/>).</summary>
    public List<VariantInput> Variants { get; set; } = [];

    /// <summary>The variant typed for <paramref name="network"/>, if any.</summary>
    public string? VariantFor(PublishingNetwork network) =>
        Variants.FirstOrDefault(v => v.Network == network && !string.IsNullOrWhiteSpace(v.Text))?.Text;

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
        Variants = message.Variants.OrderBy(v => v.Network).Select(v => new VariantInput { Network = v.Network, Text = v.Text }).ToList(),
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

public sealed class VariantInput
{
    public PublishingNetwork Network { get; set; }

    public string? Text { get; set; }
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
