namespace PoliceFeeds.Infrastructure.XApi;

/// <summary>
/// The X API v2 operations PoliceFeeds uses. Every call answers a typed <see cref="XOutcome{T}"/>; none throws for an
/// HTTP error, and none is retried by the HTTP pipeline when it is a POST (the publisher decides).
/// </summary>
public interface IXApiClient
{
    /// <summary><c>POST /2/tweets</c>.</summary>
    Task<XOutcome<XPostCreated>> CreatePostAsync(XAuth auth, XCreatePostRequest request, CancellationToken cancellationToken);

    /// <summary><c>DELETE /2/tweets/{id}</c>. A post X no longer has counts as deleted.</summary>
    Task<XOutcome<bool>> DeletePostAsync(XAuth auth, string postId, CancellationToken cancellationToken);

    /// <summary><c>GET /2/users/me</c>: checks the credentials and tells the handle.</summary>
    Task<XOutcome<XUser>> GetMeAsync(XAuth auth, CancellationToken cancellationToken);

    /// <summary><c>POST /2/media/upload</c> with <c>media_category=tweet_image</c>.</summary>
    Task<XOutcome<XMediaUploaded>> UploadImageAsync(XAuth auth, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary><c>POST /2/media/metadata</c>: sets the alt text of an uploaded image.</summary>
    Task<XOutcome<bool>> SetAltTextAsync(XAuth auth, string mediaId, string altText, CancellationToken cancellationToken);

    /// <summary>
    /// <c>GET /2/users/{id}/tweets</c> with <c>tweet.fields=created_at,entities,attachments</c>: the account's posts
    /// created since <paramref name="sinceUtc"/> (newest first, following <c>meta.next_token</c> for at most
    /// <paramref name="maxPages"/> pages of 100), to reconcile an ambiguous attempt. Each summary carries what X did to the
    /// text: its URL entities (t.co links and their expanded URLs, the media link) and the attached media keys. The read
    /// says whether it is complete: false when X had more pages after the last one read (a missing post proves nothing).
    /// </summary>
    Task<XOutcome<XRecentPosts>> GetRecentPostsAsync(XAuth auth, string userId, DateTime sinceUtc, CancellationToken cancellationToken, int maxPages = 3);

    /// <summary><c>GET /2/tweets?ids=…&amp;tweet.fields=public_metrics</c> (at most 100 ids).</summary>
    Task<XOutcome<IReadOnlyList<XPostMetrics>>> GetPublicMetricsAsync(XAuth auth, IReadOnlyList<string> postIds, CancellationToken cancellationToken);
}

/// <summary>How one request authenticates as a department's account.</summary>
public abstract record XAuth
{
    private XAuth()
    {
    }

    /// <summary>OAuth 1.0a user context: the national app's consumer key and secret plus the account's access token and secret.</summary>
    public sealed record OAuth1(string ConsumerKey, string ConsumerSecret, string AccessToken, string AccessTokenSecret) : XAuth;

    /// <summary>OAuth 2.0 user-context bearer token (obtained with PKCE, refreshed before expiry).</summary>
    public sealed record Bearer(string AccessToken) : XAuth;
}

/// <summary>
/// A post to create: text, up to 4 media ids, the post it replies to, or the post it quotes (<c>quote_tweet_id</c>: the
/// fallback when X's reply rule refuses a reply).
/// </summary>
public sealed record XCreatePostRequest(string? Text, IReadOnlyList<string>? MediaIds = null, string? InReplyToPostId = null, string? QuotePostId = null);

public sealed record XPostCreated(string Id, string Text);

/// <summary>The posts read, newest first, and whether they reach back to the time asked (no page left unread).</summary>
public sealed record XRecentPosts(IReadOnlyList<XPostSummary> Posts, bool Complete);

public sealed record XUser(string Id, string Name, string Username);

public sealed record XMediaUploaded(string Id, DateTime? ExpiresAtUtc);

/// <summary>
/// A post as X returns it: <paramref name="Text"/> is X's text (URLs replaced by t.co links, <c>&amp;</c> <c>&lt;</c>
/// <c>&gt;</c> as HTML entities, a t.co link to the media appended), <paramref name="Urls"/> its <c>entities.urls</c>,
/// <paramref name="MediaKeys"/> its <c>attachments.media_keys</c>. Compare it with a sent text through
/// <c>PoliceFeeds.Core.Text.RemotePostText</c> (see <see cref="XPostSummaryExtensions.ToRemoteUrls"/>).
/// </summary>
public sealed record XPostSummary(string Id, string Text, DateTime? CreatedAtUtc, IReadOnlyList<XUrlEntity> Urls, IReadOnlyList<string> MediaKeys);

/// <summary>
/// One of <c>entities.urls</c>: <paramref name="Start"/> and <paramref name="End"/> (exclusive) as X gives them (code points),
/// the t.co <paramref name="Url"/>, the URL it stands for, how it is displayed, and <paramref name="MediaKey"/> when
/// it is the link to the post's media.
/// </summary>
public sealed record XUrlEntity(int Start, int End, string Url, string? ExpandedUrl, string? DisplayUrl, string? MediaKey);

public sealed record XPostMetrics(string Id, long Impressions, long Likes, long Reposts, long Replies, long Quotes);

/// <summary>What an X call came to. Exactly one of the kinds below.</summary>
public abstract record XOutcome<T>
{
    private XOutcome()
    {
    }

    public sealed record Success(T Value) : XOutcome<T>;

    /// <summary>
    /// 5xx, timeout, connection failure or an unreadable answer. <paramref name="Ambiguous"/> is true when a request that
    /// acts (create, delete) may have reached X (sent, then no answer, any 5xx, or an answer that cannot be read): X may have
    /// acted on it. False only when the request certainly never left (connection refused, circuit open) or only read.
    /// </summary>
    public sealed record TransientFailure(string Detail, bool Ambiguous) : XOutcome<T>;

    /// <summary>429: nothing more for this account before <paramref name="UntilUtc"/> (from <c>x-rate-limit-reset</c>).</summary>
    public sealed record RateLimited(DateTime UntilUtc, string Detail) : XOutcome<T>;

    /// <summary>401: the credentials were revoked or are wrong; the account needs reconnecting.</summary>
    public sealed record Unauthorized(string Detail) : XOutcome<T>;

    /// <summary>403 "duplicate content".</summary>
    public sealed record Duplicate(string Detail) : XOutcome<T>;

    /// <summary>
    /// 403: X's reply rule (since 23 February 2026) refused a reply because the original's author did not mention or
    /// quote the replying account ("Reply to this conversation is not allowed because you have not been mentioned or
    /// otherwise engaged by the author"). Nothing was posted; the caller may fall back (a quote, or a post with a link).
    /// </summary>
    public sealed record ReplyRefused(string Detail) : XOutcome<T>;

    /// <summary>
    /// Any other refusal (400, 403...), with X's real reason: <c>errors[0].detail</c> or <c>errors[0].message</c> when
    /// X gives one (for example "Your reply tweet ID is invalid."), else the problem's top-level <c>detail</c> or <c>title</c>.
    /// </summary>
    public sealed record Rejected(int StatusCode, string Detail) : XOutcome<T>;
}

/// <summary>
/// Gives the authentication to use for a department's live account: decrypts its credentials, adds the national
/// app's keys from configuration, and refreshes an OAuth 2.0 token before it expires (saving the rotated refresh token
/// before using the new access token). Returns null and marks the account when it cannot be used.
/// </summary>
public interface IXAccountAuthProvider
{
    Task<XAuth?> GetAuthAsync(int accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the account "à reconnecter" after X refused <paramref name="used"/> (401), only if the stored credentials
    /// are still those <paramref name="used"/> came from. Returns false, and changes nothing, when they changed meanwhile
    /// (an administrator reconnected the account, another instance refreshed its token): ask
    /// <see cref="GetAuthAsync"/> again and retry with the new ones.
    /// </summary>
    Task<bool> MarkNeedsReconnectingAsync(int accountId, XAuth used, CancellationToken cancellationToken);
}

/// <summary>OAuth 2.0 Authorization Code with PKCE for connecting an account (national admin pages).</summary>
public interface IXOAuth2Client
{
    /// <summary>The URL of X's authorize page, with a fresh state and S256 code challenge.</summary>
    XAuthorizationRequest CreateAuthorizationRequest(string redirectUri);

    /// <summary><c>POST /2/oauth2/token</c> with <c>grant_type=authorization_code</c>.</summary>
    Task<XOutcome<XTokenSet>> ExchangeCodeAsync(string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken);

    /// <summary><c>POST /2/oauth2/token</c> with <c>grant_type=refresh_token</c>. The old refresh token stops working.</summary>
    Task<XOutcome<XTokenSet>> RefreshAsync(string refreshToken, CancellationToken cancellationToken);
}

public sealed record XAuthorizationRequest(string AuthorizeUrl, string State, string CodeVerifier);

public sealed record XTokenSet(string AccessToken, string? RefreshToken, DateTime ExpiresAtUtc, string Scope);
