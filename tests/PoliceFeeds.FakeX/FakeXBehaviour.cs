namespace PoliceFeeds.FakeX;

/// <summary>Who may reply to a post through the API.</summary>
public enum FakeXReplyRule
{
    /// <summary>X's rule since 23 February 2026: only if the original's author mentioned or quoted the replying account.</summary>
    MentionedOrQuoted,

    /// <summary>The same, but an account may always reply to its own posts (X does not document that case).</summary>
    MentionedOrQuotedOrSelf,

    /// <summary>Any reply is accepted (X before 2026, Enterprise and approved public-utility apps).</summary>
    Open,
}

/// <summary>
/// How faithful the fake is. The defaults behave like X; a test that needs the kind behaviour of older fakes says so.
/// </summary>
public sealed class FakeXBehaviour
{
    /// <summary>
    /// Stores and returns text as X does: every URL a 23-character t.co link, <c>&amp;</c> <c>&lt;</c> <c>&gt;</c> as HTML
    /// entities, a t.co link to the media appended when photos are attached, with <c>entities.urls</c> and
    /// <c>attachments.media_keys</c>. False: the text is kept verbatim and has no URL entities.
    /// </summary>
    public bool RewriteText { get; set; } = true;

    /// <summary>
    /// How long a created post stays out of <c>GET /2/users/:id/tweets</c> (read on <see cref="FakeXServer.Clock"/>).
    /// X's timelines lag behind creates by an undocumented delay; zero by default so that a test on the wall clock is
    /// not a timing test, and tests of the lag set it (with a fake clock where they can).
    /// </summary>
    public TimeSpan TimelineLag { get; set; }

    /// <summary>X's reply rule (default: as X applies it to ordinary apps).</summary>
    public FakeXReplyRule ReplyRule { get; set; } = FakeXReplyRule.MentionedOrQuoted;

    /// <summary>
    /// X's duplicate rule: a post whose text is identical to one of the account's posts still online created within the
    /// last <see cref="DuplicateWindow"/> is refused (403 "duplicate content"). X does not document the window; 24 hours
    /// models "a recent identical post". False: no duplicate rule at all, as on Bluesky and Mastodon, so that a test can
    /// see a second post the rule would otherwise have hidden.
    /// </summary>
    public bool DuplicateGuard { get; set; } = true;

    /// <summary>How far back the duplicate rule looks (on <see cref="FakeXServer.Clock"/>).</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Refuses requests with query parameters X does not know for the endpoint, as X does (400).</summary>
    public bool RejectUnknownQueryParameters { get; set; } = true;
}

/// <summary>
/// X's limits: per user and endpoint in 15-minute windows, per user and per app for posts in 24-hour windows. Every
/// answer of a limited endpoint carries <c>x-rate-limit-limit</c>, <c>-remaining</c>, <c>-reset</c>; post creations also
/// carry <c>x-user-limit-24hour-*</c> and <c>x-app-limit-24hour-*</c>.
/// </summary>
public sealed class FakeXLimits
{
    /// <summary>Requests per user per 15 minutes, per endpoint (X's figures on pay-per-use access, 2026).</summary>
    public Dictionary<FakeXEndpoint, int> Per15Minutes { get; } = new()
    {
        [FakeXEndpoint.CreatePost] = 100,
        [FakeXEndpoint.DeletePost] = 50,
        [FakeXEndpoint.UserPosts] = 900,
        [FakeXEndpoint.UsersMe] = 75,
        [FakeXEndpoint.PostsLookup] = 900,
        [FakeXEndpoint.MediaUpload] = 500,
        [FakeXEndpoint.MediaMetadata] = 500,
    };

    /// <summary>Posts per user per 24 hours (X's account-wide daily cap).</summary>
    public int PostsPerUserPer24Hours { get; set; } = 2_400;

    /// <summary>Posts per app per 24 hours, all accounts together (one national app serves every department).</summary>
    public int PostsPerAppPer24Hours { get; set; } = 10_000;

    /// <summary>False: no limit is counted or enforced (headers still sent with full quotas).</summary>
    public bool Enforce { get; set; } = true;
}
