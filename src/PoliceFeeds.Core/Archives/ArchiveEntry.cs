namespace PoliceFeeds.Core.Archives;

/// <summary>
/// One post as the department published it: one delivery of a message to one account, with everything the archive's
/// manifest says of it (JSON and CSV). Redacted messages keep their entry, without text nor photos
/// (<see cref="Redaction"/> says so). Field names are the manifest's, documented in <c>LISEZMOI.txt</c>.
/// </summary>
public sealed record ArchiveEntry
{
    public required long DeliveryId { get; init; }

    public required long MessageId { get; init; }

    /// <summary>"X", "Bluesky" or "Mastodon".</summary>
    public required string Network { get; init; }

    /// <summary>The account's handle, without "@".</summary>
    public required string Account { get; init; }

    /// <summary>The account's server (Bluesky PDS, Mastodon instance); null for X.</summary>
    public string? AccountServer { get; init; }

    public string? RemotePostId { get; init; }

    public string? RemotePostUrl { get; init; }

    public required DateTime SentAtUtc { get; init; }

    /// <summary>The sending time in the department's time zone, with its offset ("2026-07-01T10:00:00+02:00").</summary>
    public required string SentAtLocal { get; init; }

    public required string Category { get; init; }

    /// <summary>The text as sent; null once redacted.</summary>
    public string? Text { get; init; }

    /// <summary>The message this post replies to (a follow-up), if any.</summary>
    public long? InReplyToMessageId { get; init; }

    /// <summary>How a reply refused as a reply went out ("QuotePost", "LinkPost"); null for an ordinary post.</summary>
    public string? ReplyFallback { get; init; }

    public IReadOnlyList<ArchivePhoto> Photos { get; init; } = [];

    public required string DraftedBy { get; init; }

    public required DateTime DraftedAtUtc { get; init; }

    public string? LastEditedBy { get; init; }

    public DateTime? LastEditedAtUtc { get; init; }

    public DateTime? SubmittedAtUtc { get; init; }

    /// <summary>The validator; null where the message needed no validation.</summary>
    public string? ValidatedBy { get; init; }

    public DateTime? ValidatedAtUtc { get; init; }

    /// <summary>The delivery's state now: "Sent" (online), "WithdrawalRequested", "Withdrawing" or "Withdrawn".</summary>
    public required string Status { get; init; }

    public DateTime? TakedownRequestedAtUtc { get; init; }

    public string? TakedownRequestedBy { get; init; }

    public string? TakedownReason { get; init; }

    /// <summary>When the post was deleted from its network.</summary>
    public DateTime? WithdrawnAtUtc { get; init; }

    public DateTime? RedactedAtUtc { get; init; }

    /// <summary>What the redaction removed, in French; null when the message is not redacted.</summary>
    public string? Redaction { get; init; }

    /// <summary>The message's audit trail: who did what and when (JSON only).</summary>
    public IReadOnlyList<ArchiveHistoryLine> History { get; init; } = [];
}

/// <summary>A photo of a post: its file in the archive (<c>photos/…</c>), its type and its description (alt text).</summary>
public sealed record ArchivePhoto(string File, string ContentType, string AltText);

/// <summary>One audit entry of a message: when, who, what (a stable key such as "message.approved"), statuses, details.</summary>
public sealed record ArchiveHistoryLine(DateTime AtUtc, string By, string Action, string? FromStatus, string? ToStatus, string? Details);
