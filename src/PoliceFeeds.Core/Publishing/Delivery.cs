namespace PoliceFeeds.Core.Publishing;

/// <summary>
/// One message going to one publishing account (today an X account, live or training). The message keeps the editorial
/// lifecycle; a delivery holds everything about getting it out: its target fixed at approval, its lease, its attempts, the
/// remote post, and the "possibly sent since" marker that only a reconciliation clears. A message may have several
/// deliveries: no code assumes exactly one.
/// </summary>
public class Delivery
{
    public long Id { get; set; }

    public long MessageId { get; set; }

    public int DepartmentId { get; set; }

    /// <summary>The publishing account fixed when the message was approved.</summary>
    public int AccountId { get; set; }

    /// <summary>Where the message was approved to go (live or training), fixed at approval: never rerouted.</summary>
    public DeliveryMode Mode { get; set; }

    public DeliveryStatus Status { get; set; } = DeliveryStatus.Pending;

    /// <summary>The publisher does not take the delivery before this instant (due time, backoff, rate-limit reset, settle time).</summary>
    public DateTime? NextAttemptAtUtc { get; set; }

    /// <summary>Calls made to the channel for this delivery's current operation (each recorded before the call).</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// Set before a call that creates a post, cleared only when a reconciliation settles it (post found, or certainly
    /// absent after the settle time). While set, the post may be online: nobody may post again, edit or cancel blindly.
    /// </summary>
    public DateTime? PossiblySentSinceUtc { get; set; }

    /// <summary>When the last call that could create a post was made ("not found" is final only a settle time after it).</summary>
    public DateTime? LastAttemptAtUtc { get; set; }

    /// <summary>
    /// The delivery's own key, chosen when it is planned and the same on every attempt (<see cref="DeliveryKeys"/>): the
    /// channels that can be told what to create use it (a Bluesky record key, a Mastodon <c>Idempotency-Key</c>), so that a
    /// retry after an uncertain attempt can never make a second post there.
    /// </summary>
    public string? ClientKey { get; set; }

    public string? RemotePostId { get; set; }

    public string? RemotePostUrl { get; set; }

    public DateTime? SentAtUtc { get; set; }

    public DateTime? WithdrawnAtUtc { get; set; }

    /// <summary>What went wrong last (a code, translated by the pages); <see cref="FailureDetail"/> keeps the remote text apart.</summary>
    public DeliveryFailure Failure { get; set; }

    /// <summary>The remote service's own words (for example X's <c>detail</c>), shown as a detail, never as the reason.</summary>
    public string? FailureDetail { get; set; }

    public DateTime? FailedAtUtc { get; set; }

    /// <summary>Why a pending delivery is held (mode changed, account disconnected) until someone re-approves it.</summary>
    public DeliveryHold Hold { get; set; }

    /// <summary>How a reply was sent when the channel refused it as a reply.</summary>
    public ReplyFallback ReplyFallbackUsed { get; set; }

    /// <summary>After a cancellation or "person found" on a possibly-sent delivery: if the check finds the post, delete it.</summary>
    public bool WithdrawIfFound { get; set; }

    public string? LeaseOwner { get; set; }

    /// <summary>Fencing token of the current lease: every publisher update is conditional on it.</summary>
    public Guid? LeaseToken { get; set; }

    public DateTime? LeaseExpiresAtUtc { get; set; }

    /// <summary>Optimistic concurrency token, incremented on every save and by the publisher's conditional updates.</summary>
    public int Version { get; set; }

    public const int MaxFailureDetailLength = 1000;

    /// <summary>Longest remote post id (X: 1 to 19 digits; Mastodon-compatible servers up to 26 characters; a Bluesky AT URI).</summary>
    public const int MaxPostIdLength = 200;

    public const int MaxClientKeyLength = 32;

    public const int MaxPostUrlLength = 300;

    /// <summary>Whether the last attempt may have reached the channel without our knowing.</summary>
    public bool IsPossiblySent => PossiblySentSinceUtc is not null;

    /// <summary>Whether its post is online (or may be).</summary>
    public bool IsOnline => Status is DeliveryStatus.Sent or DeliveryStatus.WithdrawalRequested or DeliveryStatus.Withdrawing;

    /// <summary>Cuts a remote detail to what its column holds.</summary>
    public static string? Truncate(string? detail) =>
        detail is { Length: > MaxFailureDetailLength } ? detail[..MaxFailureDetailLength] : detail;
}

/// <summary>Where a delivery goes: the account's real timeline, or its training timeline.</summary>
public enum DeliveryMode
{
    Training = 0,
    Live = 1,
}

public enum DeliveryStatus
{
    /// <summary>Waiting for its time (or its next attempt): the publisher's queue.</summary>
    Pending = 0,

    /// <summary>Claimed by a publisher instance under a lease.</summary>
    Sending = 1,

    Sent = 2,

    /// <summary>Gave up or refused; can be retried by hand ("Relancer").</summary>
    Failed = 3,

    /// <summary>Not sent because its target changed (mode, connection) after approval; waits to be re-approved.</summary>
    Held = 4,

    /// <summary>The message left the queue (edited, cancelled) before anything was sent.</summary>
    Cancelled = 5,

    /// <summary>The post must come down: the publisher's deletion queue.</summary>
    WithdrawalRequested = 6,

    /// <summary>Claimed by a publisher instance that is deleting the post, under a lease.</summary>
    Withdrawing = 7,

    Withdrawn = 8,

    /// <summary>Possibly sent, and a person wants to act on it: the publisher only checks whether the post is online.</summary>
    CheckRequested = 9,

    /// <summary>
    /// Possibly sent, and no complete read can settle it (the account's timeline no longer reaches the attempt): a validator
    /// says whether the post is online. Nothing is posted again meanwhile.
    /// </summary>
    ToCheckByHand = 10,
}

/// <summary>Why a delivery failed or waits: translated by the pages and the report, never a sentence in the database.</summary>
public enum DeliveryFailure
{
    None = 0,

    /// <summary>The channel was unavailable (5xx, timeout, connection) and the attempts ran out.</summary>
    Unavailable = 1,

    /// <summary>Rate limited: waits for the limit's reset.</summary>
    RateLimited = 2,

    /// <summary>The channel refused the account's credentials: an administrator must reconnect it.</summary>
    Unauthorized = 3,

    /// <summary>The account has no usable credentials.</summary>
    AccountUnusable = 4,

    /// <summary>The channel refused the text as a duplicate of a recent post.</summary>
    Duplicate = 5,

    /// <summary>Any other refusal, with the remote detail.</summary>
    Rejected = 6,

    /// <summary>The original of a reply is no longer online.</summary>
    ParentOffline = 7,

    /// <summary>The account's recent posts could not be read to check an uncertain attempt.</summary>
    ReconcileFailed = 8,

    /// <summary>An uncertain attempt, not yet settled: the post may be online; the publisher keeps checking.</summary>
    PossiblySent = 9,

    /// <summary>The credentials changed while publishing: simply retried.</summary>
    CredentialsChanged = 10,

    /// <summary>A deletion failed: the post is still online.</summary>
    DeleteFailed = 11,

    /// <summary>The account's mode changed since approval (live / training): held until re-approved.</summary>
    ModeChanged = 12,

    /// <summary>The account was disconnected since approval: held until re-approved.</summary>
    Disconnected = 13,

    /// <summary>A reply refused by the channel's reply rule, and no fallback is configured.</summary>
    ReplyRefused = 14,

    /// <summary>The database write recording an outcome failed.</summary>
    RecordFailed = 15,

    /// <summary>An uncertain attempt that no complete read of the timeline can settle: a validator must say whether the post is online.</summary>
    CheckByHand = 16,
}

/// <summary>What a hold waits for.</summary>
public enum DeliveryHold
{
    None = 0,
    ModeChanged = 1,
    Disconnected = 2,
}

/// <summary>How a reply refused by X's reply rule goes out (a department setting, and what a delivery used).</summary>
public enum ReplyFallback
{
    /// <summary>Not a fallback (setting: fail the reply and tell the officer).</summary>
    None = 0,

    /// <summary>A quote post of the original.</summary>
    QuotePost = 1,

    /// <summary>A standalone post with a link to the original.</summary>
    LinkPost = 2,
}
