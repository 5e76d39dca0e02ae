using System.Globalization;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Scheduling;

namespace PoliceFeeds.Core.Archives;

/// <summary>
/// How the archive says a post: one <see cref="ArchiveEntry"/> from what the database holds, photo file names, who an
/// actor is, and what a redaction removed. The archive is a French public record: what it writes in words (the
/// redaction note, <c>LISEZMOI.txt</c>) is French whatever the language of the page that asked for it.
/// </summary>
public static class ArchiveRules
{
    /// <summary>The manifest's format: raised when a field changes meaning or disappears (adding one keeps it).</summary>
    public const int ManifestVersion = 1;

    /// <summary>The audit actions that record an edit of the message.</summary>
    public static readonly IReadOnlySet<string> EditActions = new HashSet<string>(StringComparer.Ordinal)
    {
        "message.returned_to_draft", "message.edited_kept_scheduled", "message.resubmitted_after_edit",
    };

    /// <summary>The photo's path inside the archive: <c>photos/{message}-{1..4}.{extension}</c>, one file per photo of a message, whichever networks it went to.</summary>
    public static string PhotoFile(long messageId, int position, string contentType) =>
        string.Create(CultureInfo.InvariantCulture, $"photos/{messageId}-{position + 1}.{Extension(contentType)}");

    public static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        _ => "bin",
    };

    /// <summary>A system actor in words; a user's id stays as is when their name is unknown (a deleted account).</summary>
    public static string ActorName(string actorId, IReadOnlyDictionary<string, string> names) =>
        names.TryGetValue(actorId, out var name) ? name
        : actorId == SystemActors.Publisher ? "PoliceFeeds (publication automatique)"
        : actorId == SystemActors.Seed ? "PoliceFeeds (données initiales)"
        : actorId;

    /// <summary>What the archive says in place of a redacted message's text and photos.</summary>
    public static string RedactionNote(DateTime redactedAtUtc, TimeZoneInfo? zone) =>
        string.Create(CultureInfo.GetCultureInfo("fr-FR"),
            $"Texte et photos masqués le {DepartmentTime.ToLocal(redactedAtUtc, zone):dd/MM/yyyy à HH:mm} (avis de recherche clos, personne retrouvée) : ils ne figurent pas dans cette archive, le journal des actions reste.");

    /// <summary>A UTC instant in <paramref name="zone"/>, with its offset ("2026-07-01T10:00:00+02:00").</summary>
    public static string LocalTime(DateTime utc, TimeZoneInfo? zone)
    {
        var offset = zone?.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) ?? TimeSpan.Zero;
        return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) + offset, offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The entry of one sent delivery. A redacted message gives neither its text nor its photos (they are no longer stored
    /// either): <see cref="ArchiveEntry.Redaction"/> says when and why. The takedown is the last request that moved the
    /// message to "withdrawal requested" (by hand with its reason, "personne retrouvée", end of a deviation), given only
    /// for a delivery that was taken down or is being.
    /// </summary>
    public static ArchiveEntry Build(
        ArchiveDeliveryFacts delivery,
        ArchiveMessageFacts message,
        IEnumerable<ArchivePhotoFacts> photos,
        IReadOnlyList<ArchiveHistoryFacts> history,
        IReadOnlyDictionary<string, string> names,
        TimeZoneInfo? zone)
    {
        var redacted = message.RedactedAtUtc is not null;
        var lastEdit = history.LastOrDefault(h => EditActions.Contains(h.Action));
        var takenDown = delivery.WithdrawnAtUtc is not null
            || delivery.Status is DeliveryStatus.WithdrawalRequested or DeliveryStatus.Withdrawing or DeliveryStatus.Withdrawn;
        var takedown = takenDown ? history.LastOrDefault(h => h.ToStatus == nameof(MessageStatus.WithdrawalRequested)) : null;
        return new ArchiveEntry
        {
            DeliveryId = delivery.DeliveryId,
            MessageId = delivery.MessageId,
            Network = delivery.Network.ToString(),
            Account = delivery.Handle,
            AccountServer = delivery.ServerUrl,
            RemotePostId = delivery.RemotePostId,
            RemotePostUrl = delivery.RemotePostUrl,
            SentAtUtc = delivery.SentAtUtc,
            SentAtLocal = LocalTime(delivery.SentAtUtc, zone),
            Category = message.Category,
            Text = redacted ? null : message.Text,
            InReplyToMessageId = message.InReplyToMessageId,
            ReplyFallback = delivery.ReplyFallbackUsed == Publishing.ReplyFallback.None ? null : delivery.ReplyFallbackUsed.ToString(),
            Photos = redacted ? [] : photos.OrderBy(p => p.Position)
                .Select(p => new ArchivePhoto(PhotoFile(p.MessageId, p.Position, p.ContentType), p.ContentType, p.AltText)).ToList(),
            DraftedBy = ActorName(message.AuthorId, names),
            DraftedAtUtc = message.CreatedAtUtc,
            LastEditedBy = lastEdit is not null ? ActorName(lastEdit.ActorId, names) : message.LastEditedById is { } editor ? ActorName(editor, names) : null,
            LastEditedAtUtc = lastEdit?.AtUtc,
            SubmittedAtUtc = message.SubmittedAtUtc,
            ValidatedBy = message.ValidatorId is { } validator ? ActorName(validator, names) : null,
            ValidatedAtUtc = message.ValidatorId is null ? null : message.ValidatedAtUtc,
            Status = delivery.Status.ToString(),
            TakedownRequestedAtUtc = takedown?.AtUtc,
            TakedownRequestedBy = takedown is null ? null : ActorName(takedown.ActorId, names),
            TakedownReason = takedown?.Details,
            WithdrawnAtUtc = delivery.WithdrawnAtUtc,
            RedactedAtUtc = message.RedactedAtUtc,
            Redaction = message.RedactedAtUtc is { } at ? RedactionNote(at, zone) : null,
            History = history.Select(h => new ArchiveHistoryLine(h.AtUtc, ActorName(h.ActorId, names), h.Action, h.FromStatus, h.ToStatus, h.Details)).ToList(),
        };
    }
}
