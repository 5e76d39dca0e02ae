using System.Globalization;

namespace PoliceFeeds.Core.Archives;

/// <summary>
/// <c>manifest.csv</c>: the manifest's entries flat, one line per post, the columns named as the JSON fields. Photos are
/// joined with " | " (files in one column, descriptions in the next, in the same order); the history stays in the JSON.
/// The writer (semicolons, quoting, formula injection escaped) is the one of the other CSV exports.
/// </summary>
public static class ArchiveCsv
{
    public const string PhotoSeparator = " | ";

    public static readonly IReadOnlyList<string> Columns =
    [
        "deliveryId", "messageId", "network", "account", "accountServer", "remotePostId", "remotePostUrl", "sentAtUtc", "sentAtLocal",
        "category", "text", "inReplyToMessageId", "replyFallback", "photoFiles", "photoDescriptions",
        "draftedBy", "draftedAtUtc", "lastEditedBy", "lastEditedAtUtc", "submittedAtUtc", "validatedBy", "validatedAtUtc",
        "status", "takedownRequestedAtUtc", "takedownRequestedBy", "takedownReason", "withdrawnAtUtc", "redactedAtUtc", "redaction",
    ];

    public static string[] Row(ArchiveEntry e) =>
    [
        Number(e.DeliveryId), Number(e.MessageId), e.Network, e.Account, e.AccountServer ?? "", e.RemotePostId ?? "", e.RemotePostUrl ?? "",
        Utc(e.SentAtUtc), e.SentAtLocal,
        e.Category, e.Text ?? "", e.InReplyToMessageId is { } parent ? Number(parent) : "", e.ReplyFallback ?? "",
        string.Join(PhotoSeparator, e.Photos.Select(p => p.File)), string.Join(PhotoSeparator, e.Photos.Select(p => p.AltText)),
        e.DraftedBy, Utc(e.DraftedAtUtc), e.LastEditedBy ?? "", Utc(e.LastEditedAtUtc), Utc(e.SubmittedAtUtc), e.ValidatedBy ?? "", Utc(e.ValidatedAtUtc),
        e.Status, Utc(e.TakedownRequestedAtUtc), e.TakedownRequestedBy ?? "", e.TakedownReason ?? "", Utc(e.WithdrawnAtUtc), Utc(e.RedactedAtUtc), e.Redaction ?? "",
    ];

    /// <summary>A UTC instant as the JSON writes it ("2026-07-01T08:00:00Z"); empty when none.</summary>
    public static string Utc(DateTime? value) =>
        value is { } v ? v.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
