using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Core.Archives;

/// <summary>What the database holds of one sent delivery and its account, as the archive reads it.</summary>
public sealed record ArchiveDeliveryFacts(
    long DeliveryId,
    long MessageId,
    PublishingNetwork Network,
    string Handle,
    string? ServerUrl,
    string? RemotePostId,
    string? RemotePostUrl,
    DateTime SentAtUtc,
    DeliveryStatus Status,
    DateTime? WithdrawnAtUtc,
    ReplyFallback ReplyFallbackUsed);

/// <summary>What the database holds of the delivery's message (user ids, not yet names).</summary>
public sealed record ArchiveMessageFacts(
    long MessageId,
    string Category,
    string Text,
    long? InReplyToMessageId,
    string AuthorId,
    DateTime CreatedAtUtc,
    string? LastEditedById,
    DateTime? SubmittedAtUtc,
    string? ValidatorId,
    DateTime? ValidatedAtUtc,
    DateTime? RedactedAtUtc);

/// <summary>A stored photo of a message (its bytes are read apart, one at a time).</summary>
public sealed record ArchivePhotoFacts(long PhotoId, long MessageId, int Position, string ContentType, string AltText);

/// <summary>An audit entry of the message, with the actor's user id.</summary>
public sealed record ArchiveHistoryFacts(DateTime AtUtc, string ActorId, string Action, string? FromStatus, string? ToStatus, string? Details);
