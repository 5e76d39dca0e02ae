namespace PoliceFeeds.Infrastructure.Engagement;

/// <summary>The "Engagement" configuration section: how often the public metrics of published posts are fetched.</summary>
public sealed class EngagementOptions
{
    public const string SectionName = "Engagement";

    /// <summary>X answers at most this many ids per lookup.</summary>
    public const int IdsPerCall = 100;

    /// <summary>How often the hosted job wakes up to look for posts due a new snapshot.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A post younger than this is "recent": its reach still grows fast, so it is measured more often.</summary>
    public TimeSpan RecentAge { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Time between two snapshots of a recent post.</summary>
    public TimeSpan RecentInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Time between two snapshots of an older post.</summary>
    public TimeSpan OlderInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Posts published longer ago than this are no longer measured (their last snapshot stays).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Posts of one account measured per round at most (the rest wait for the next round).</summary>
    public int MaxPostsPerAccountPerRound { get; set; } = 2000;
}
