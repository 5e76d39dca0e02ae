namespace PoliceFeeds.Core.Engagement;

/// <summary>
/// The public counts of one published post (a delivery's) as its network reported them at one moment. Snapshots are only
/// ever added (one per fetch), so the history shows how the post's reach grew; the latest one per delivery is that post's
/// current engagement, and a message's is the sum over its deliveries.
/// </summary>
public class PostMetricsSnapshot
{
    public long Id { get; set; }

    public long MessageId { get; set; }

    /// <summary>The delivery whose post was measured (its account and network). Null only for history older than deliveries.</summary>
    public long? DeliveryId { get; set; }

    public DateTime TakenAtUtc { get; set; }

    public long Impressions { get; set; }

    public long Likes { get; set; }

    public long Reposts { get; set; }

    public long Replies { get; set; }

    public long Quotes { get; set; }
}
