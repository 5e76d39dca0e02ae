namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>The "Publishing" configuration section.</summary>
public sealed class PublishingOptions
{
    public const string SectionName = "Publishing";

    /// <summary>Name of this instance in leases (defaults to machine name and process id).</summary>
    public string InstanceId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>How long a claim lasts before another instance may take the message over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Clock skew tolerated between instances: a lease is taken over only once it has been expired for this long by the
    /// taker's clock.
    /// </summary>
    public TimeSpan ClockSkewTolerance { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Messages looked at per round.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Posts of one account claimed together, with one update and one lease. A claimed post shows "publication en cours"
    /// and cannot be edited or cancelled until its turn, so a run stays short.
    /// </summary>
    public int MaxRunLength { get; set; } = 10;

    /// <summary>Accounts served at the same time (one account's messages always go out one after the other, in order).</summary>
    public int MaxParallelAccounts { get; set; } = 8;

    /// <summary>Calls to X for one message before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First wait after a transient failure; it doubles with each attempt, with jitter.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest wait between two attempts.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest wait between two attempts of a takedown (retried until done: a person found must come down soon).</summary>
    public TimeSpan TakedownBackoffMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Fallback poll: the publisher wakes at least this often even without a signal or a known due time.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far back the account's posts are searched at most to reconcile an ambiguous attempt.</summary>
    public TimeSpan ReconcileWindow { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Timelines lag behind a create: "not found" is final only this long after the last attempt. Before, the delivery
    /// keeps its "possibly sent" marker and is looked at again.
    /// </summary>
    public TimeSpan ReconcileSettleTime { get; set; } = TimeSpan.FromMinutes(2);
}
