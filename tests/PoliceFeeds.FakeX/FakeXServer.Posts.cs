using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PoliceFeeds.FakeX;

/// <summary>Posts: create (with X's rewriting, reply rule and duplicate rule), delete, the user's timeline, lookup.</summary>
public sealed partial class FakeXServer
{
    /// <summary>X's detail when the reply rule refuses a reply (observed since 23 February 2026).</summary>
    public const string ReplyRuleDetail = "Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author.";

    private static readonly Dictionary<string, string> QueryAliases = new(StringComparer.Ordinal) { ["tweet.fields"] = "post.fields" };

    private async Task<IResult> CreatePostAsync(HttpContext context)
    {
        return await HandleAsync(context, FakeXEndpoint.CreatePost, async account =>
        {
            var (document, refusal) = await ReadJsonBodyAsync(context, "POST /2/tweets", _createPostSchema, "CreatePostsRequest");
            if (document is null)
            {
                return refusal!;
            }

            using (document)
            {
                var root = document.RootElement;
                var text = root.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
                var mediaIds = root.TryGetProperty("media", out var m) ? m.GetProperty("media_ids").EnumerateArray().Select(x => x.GetString()!).ToList() : [];
                var replyTo = root.TryGetProperty("reply", out var r) ? r.GetProperty("in_reply_to_tweet_id").GetString() : null;
                var quote = root.TryGetProperty("quote_tweet_id", out var q) ? q.GetString() : null;
                if (text.Length == 0 && mediaIds.Count == 0)
                {
                    return Problem(400, "Invalid Request", "Tweet text or media is required.");
                }

                if (mediaIds.Any(id => !_media.TryGetValue(id, out var media) || media.AccountId != account.Id))
                {
                    return InvalidRequest("Your media IDs are invalid.");
                }

                FakeXPost post;
                lock (_postsLock)
                {
                    var original = replyTo is null ? null : _posts.FirstOrDefault(p => p.Id == replyTo && !p.Deleted);
                    if (replyTo is not null && original is null)
                    {
                        return InvalidRequest("Your reply tweet ID is invalid.");
                    }

                    if (original is not null && !MayReply(account, original))
                    {
                        return Problem(403, "Forbidden", ReplyRuleDetail);
                    }

                    if (quote is not null && !_posts.Any(p => p.Id == quote && !p.Deleted))
                    {
                        return InvalidRequest("Your quoted tweet ID is invalid.");
                    }

                    // X's duplicate rule, narrower than "ever posted": the same account, the same text sent, a post still
                    // online and recent (created within DuplicateWindow, 24 hours by default). Off: no rule, as elsewhere.
                    var recentSince = Now - Behaviour.DuplicateWindow;
                    if (Behaviour.DuplicateGuard && text.Length > 0
                        && _posts.Any(p => p.AccountId == account.Id && !p.Deleted && p.SentText == text && p.CreatedAt > recentSince))
                    {
                        return DuplicateProblem();
                    }

                    var id = NextId();
                    var keys = mediaIds.Select(mediaId => _media[mediaId].Key).ToList();
                    var (stored, urls) = Behaviour.RewriteText ? FakeXText.Store(text, account.Username, id, keys) : (text, []);
                    post = new FakeXPost(id, account.Id, stored, mediaIds, mediaIds.Select(mediaId => _media[mediaId].AltText).ToList(), replyTo, Now)
                    {
                        SentText = text,
                        Urls = urls,
                        MediaKeys = keys,
                        QuotePostId = quote,
                    };
                    _posts.Add(post);
                }

                _rateLimits.CountPost(account.Id, context.Response);
                return Results.Json(new { data = new { id = post.Id, text = post.Text, edit_history_tweet_ids = new[] { post.Id } } }, statusCode: 201);
            }
        });
    }

    /// <summary>X's reply rule: the original's author mentioned (or quoted) the replying account.</summary>
    private bool MayReply(FakeXAccount account, FakeXPost original)
    {
        if (Behaviour.ReplyRule == FakeXReplyRule.Open || (Behaviour.ReplyRule == FakeXReplyRule.MentionedOrQuotedOrSelf && original.AccountId == account.Id))
        {
            return true;
        }

        var mentioned = original.SentText.Split([' ', '\n', '\t', ',', '.', ':', ';', '!', '?', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Any(word => string.Equals(word, "@" + account.Username, StringComparison.OrdinalIgnoreCase));
        var quoted = original.QuotePostId is { } quotedId && _posts.Any(p => p.Id == quotedId && p.AccountId == account.Id);
        return mentioned || quoted;
    }

    private IResult DeletePost(FakeXAccount account, string id)
    {
        lock (_postsLock)
        {
            var post = _posts.FirstOrDefault(p => p.Id == id && !p.Deleted);
            if (post is null)
            {
                return Problem(404, "Not Found Error", $"Could not find tweet with id: [{id}].");
            }

            if (post.AccountId != account.Id)
            {
                return Problem(403, "Forbidden", "You are not allowed to delete a Tweet that is not yours.");
            }

            post.Deleted = true;
        }

        return Results.Json(new { data = new { deleted = true } });
    }

    /// <summary><c>GET /2/users/:id/tweets</c>: newest first, 10 by default, paginated, without the posts still lagging.</summary>
    private IResult UserPosts(HttpContext context, string userId)
    {
        var query = context.Request.Query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))).ToList();
        var errors = _userPostsQuery.ValidateQuery(query, QueryAliases).ToList();
        if (!Behaviour.RejectUnknownQueryParameters)
        {
            errors.RemoveAll(e => e.StartsWith("The query parameter [", StringComparison.Ordinal));
        }

        if (SchemaRefusal("GET /2/users/:id/tweets", errors) is { } refusal)
        {
            return refusal;
        }

        string? Arg(string name) => context.Request.Query[name].FirstOrDefault();
        var fields = ((Arg("tweet.fields") ?? "") + "," + (Arg("post.fields") ?? "")).Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var start = Arg("start_time") is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
        var end = Arg("end_time") is { } e ? DateTimeOffset.Parse(e, CultureInfo.InvariantCulture) : DateTimeOffset.MaxValue;
        var max = Arg("max_results") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 10;
        var visibleUntil = Now - Behaviour.TimelineLag;
        var matching = Posts
            .Where(p => p.AccountId == userId && !p.Deleted && p.CreatedAt <= visibleUntil && p.CreatedAt >= start && p.CreatedAt <= end)
            .Where(p => Arg("since_id") is not { } since || CompareIds(p.Id, since) > 0)
            .Where(p => Arg("until_id") is not { } until || CompareIds(p.Id, until) < 0)
            .OrderByDescending(p => p.Id.Length).ThenByDescending(p => p.Id, StringComparer.Ordinal)
            .ToList();
        var offset = Arg("pagination_token") is { } token && int.TryParse(token.TrimStart('p'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var page = matching.Skip(offset).Take(max).ToList();
        var data = new JsonArray(page.Select(p => (JsonNode)PostJson(p, fields)).ToArray());
        var meta = new JsonObject { ["result_count"] = page.Count };
        if (page.Count > 0)
        {
            meta["newest_id"] = page[0].Id;
            meta["oldest_id"] = page[^1].Id;
        }

        if (offset + page.Count < matching.Count)
        {
            meta["next_token"] = "p" + (offset + page.Count).ToString(CultureInfo.InvariantCulture);
        }

        var body = new JsonObject { ["meta"] = meta };
        if (page.Count > 0)
        {
            body["data"] = data;
        }

        return Results.Text(body.ToJsonString(), "application/json");
    }

    private IResult Lookup(HttpContext context)
    {
        var ids = (context.Request.Query["ids"].FirstOrDefault() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length is 0 or > 100)
        {
            return Problem(400, "Invalid Request", "ids must contain between 1 and 100 ids.");
        }

        lock (_postsLock)
        {
            _lookups.Add(ids);
        }

        var data = Posts.Where(p => ids.Contains(p.Id) && !p.Deleted).Select(p => new
        {
            id = p.Id,
            text = p.Text,
            public_metrics = new { retweet_count = p.Reposts, reply_count = p.Replies, like_count = p.Likes, quote_count = p.Quotes, impression_count = p.Impressions },
        }).ToList();
        return Results.Json(new { data });
    }

    /// <summary>A post in X's shape, with the fields asked for.</summary>
    private static JsonObject PostJson(FakeXPost post, HashSet<string> fields)
    {
        var json = new JsonObject { ["id"] = post.Id, ["text"] = post.Text, ["edit_history_tweet_ids"] = new JsonArray(post.Id) };
        if (fields.Contains("created_at"))
        {
            json["created_at"] = post.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        if (fields.Contains("entities") && post.Urls.Count > 0)
        {
            json["entities"] = new JsonObject
            {
                ["urls"] = new JsonArray(post.Urls.Select(u =>
                {
                    var entity = new JsonObject { ["start"] = u.Start, ["end"] = u.End, ["url"] = u.Url, ["expanded_url"] = u.ExpandedUrl, ["display_url"] = u.DisplayUrl };
                    if (u.MediaKey is not null)
                    {
                        entity["media_key"] = u.MediaKey;
                    }

                    return (JsonNode)entity;
                }).ToArray()),
            };
        }

        if (fields.Contains("attachments") && post.MediaKeys.Count > 0)
        {
            json["attachments"] = new JsonObject { ["media_keys"] = new JsonArray(post.MediaKeys.Select(k => (JsonNode)JsonValue.Create(k)).ToArray()) };
        }

        return json;
    }

    private static int CompareIds(string a, string b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
}
