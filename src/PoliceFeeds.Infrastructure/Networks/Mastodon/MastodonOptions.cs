namespace PoliceFeeds.Infrastructure.Networks.Mastodon;

/// <summary>The "Mastodon" configuration section: how PoliceFeeds presents itself to instances and how long it waits.</summary>
public sealed class MastodonOptions
{
    public const string SectionName = "Mastodon";

    /// <summary>The application's name registered on each instance (shown under each status as its client).</summary>
    public string ClientName { get; set; } = "PoliceFeeds";

    public string? Website { get; set; }

    /// <summary>Where the instance sends the administrator back with the authorization code (the admin "connect" page).</summary>
    public string RedirectUri { get; set; } = "urn:ietf:wg:oauth:2.0:oob";

    public string Scopes { get; set; } = "write:statuses write:media read:statuses";

    /// <summary>Timeout of one request to an instance.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often a media still processing (202, then 206) is asked about.</summary>
    public TimeSpan MediaPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a media may process before the publication gives up (nothing posted; the next attempt uploads again). Kept
    /// well under the publisher's lease (90 s): images are processed at once by Mastodon 4.0 and later (200).
    /// </summary>
    public TimeSpan MediaProcessingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Pages of 40 statuses read at most to reconcile (beyond, the read says it is not complete).</summary>
    public int MaxTimelinePages { get; set; } = 5;

    /// <summary>How long an instance's limits (<c>GET /api/v2/instance</c>) are kept.</summary>
    public TimeSpan InstanceCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Statuses of one read whose source text is fetched for an exact match (beyond, their HTML is compared).</summary>
    public int MaxSourceReads { get; set; } = 20;
}
