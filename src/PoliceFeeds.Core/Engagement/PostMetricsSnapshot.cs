namespace PoliceFeeds.Core.Engagement;

/// <summary>
/// The public metrics of a published post as X reported them at one moment. Snapshots are only ever added (one per
/// fetch), so the history shows how the post's reach grew; the latest one per message is its current engagement.
/// </summary>
public class PostMetricsSnapshot
{
    public long Id { get; set; }

    public long MessageId { get; set; }

    public DateTime TakenAtUtc { get; set; }

    public long Impressions { get; set; }

    public long Likes { get; set; }

    public long Reposts { get; set; }

    public long Replies { get; set; }

    public long Quotes { get; set; }
}
