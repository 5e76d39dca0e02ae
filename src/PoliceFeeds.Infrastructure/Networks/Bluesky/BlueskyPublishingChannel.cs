using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Networks.Bluesky;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.Infrastructure.Networks.Bluesky;

/// <summary>
/// Bluesky as a publishing channel, exactly once by construction: a post is created at the record key the delivery chose
/// before its first attempt (<see cref="ChannelPost.ClientKey"/>, a TID), so its address is known before it exists. A
/// second create at that key creates nothing; an attempt whose answer was lost is settled by reading that one key. A
/// post id (<c>RemotePostId</c>) is the post's AT URI, <c>at://DID/app.bsky.feed.post/RKEY</c>.
/// </summary>
public sealed class BlueskyPublishingChannel(BlueskyClient client, BlueskySessions sessions, IOptions<BlueskyOptions> options, TimeProvider timeProvider) : IPublishingChannel
{
    public async Task<ChannelOutcome> PublishAsync(ChannelAccount account, ChannelPost post, CancellationToken cancellationToken)
    {
        if (!Tid.IsValid(post.ClientKey))
        {
            throw new ArgumentException("A Bluesky post needs the delivery's client key (a TID) as its record key.", nameof(post));
        }

        if (Refusal(post) is { } refused)
        {
            return refused;
        }

        var rkey = post.ClientKey;
        var call = await sessions.RunAsync<ChannelOutcome>(account, (auth, ct) => PublishWithAsync(auth, account, post, rkey, ct), cancellationToken);
        return Outcome(call, certainlyUnsent: false);
    }

    public async Task<ChannelOutcome> DeleteAsync(ChannelAccount account, string postId, CancellationToken cancellationToken)
    {
        var call = await sessions.RunAsync<bool>(
            account,
            async (auth, ct) =>
            {
                if (!BlueskyPostRecord.TryParsePostId(postId, auth.Did, out var did, out var rkey) || did != auth.Did)
                {
                    return new BlueskyResult<bool>.Failed(new BlueskyFailure(BlueskyFailureKind.Refused, 0, null, $"« {postId} » n'est pas un post de ce compte Bluesky"));
                }

                return await client.DeleteRecordAsync(auth.Server, auth.AccessJwt, did, rkey, ct);
            },
            cancellationToken);
        return call switch
        {
            { Stopped: { } stopped } => stopped,
            { Result: BlueskyResult<bool>.Ok } => new ChannelOutcome.Done(),

            // Already gone: deleted.
            { Result: BlueskyResult<bool>.Failed { Failure.Kind: BlueskyFailureKind.NotFound } } => new ChannelOutcome.Done(),
            { Result: BlueskyResult<bool>.Failed(var failure) } => FromFailure(failure, certainlyUnsent: false),
            _ => new ChannelOutcome.Rejected(0, "réponse inattendue"),
        };
    }

    /// <summary>
    /// The account's posts whose record key is at or after <paramref name="sinceUtc"/>, newest key first, page by page
    /// (<c>listRecords</c>); complete once a key older than that is seen or the collection ends, incomplete when the page
    /// limit stops it. A post is the copy of a sent one when its record key is the delivery's client key. The keys are
    /// TIDs of the instant the delivery chose them: complete only for keys made at or after the attempt's marker
    /// (see docs/networks-bluesky.md).
    /// </summary>
    public async Task<RecentPosts> FindRecentPostsAsync(ChannelAccount account, DateTime sinceUtc, CancellationToken cancellationToken)
    {
        var call = await sessions.RunAsync<RecentPosts>(account, (auth, ct) => ReadRecentAsync(auth, sinceUtc, ct), cancellationToken);
        return call switch
        {
            { Stopped: { } stopped } => RecentPosts.Unavailable(stopped),
            { Result: BlueskyResult<RecentPosts>.Ok(var read) } => read,
            { Result: BlueskyResult<RecentPosts>.Failed(var failure) } => RecentPosts.Unavailable(FromFailure(failure, certainlyUnsent: true)),
            _ => RecentPosts.Unavailable(new ChannelOutcome.Rejected(0, "réponse inattendue")),
        };
    }

    /// <summary>The post at the delivery's key, if the account has it: the direct way to settle an uncertain attempt.</summary>
    public async Task<KeyedPostLookup?> FindByClientKeyAsync(ChannelAccount account, string clientKey, CancellationToken cancellationToken)
    {
        var call = await sessions.RunAsync<BlueskyRecord>(account, (auth, ct) => client.GetRecordAsync(auth.Server, auth.Did, clientKey, ct), cancellationToken);
        return call switch
        {
            { Stopped: { } stopped } => new KeyedPostLookup(null, stopped),
            { Result: BlueskyResult<BlueskyRecord>.Ok(var record) } => new KeyedPostLookup(BlueskyRemotePost.Of(record), null),
            { Result: BlueskyResult<BlueskyRecord>.Failed { Failure.Kind: BlueskyFailureKind.NotFound } } => new KeyedPostLookup(null, null),
            { Result: BlueskyResult<BlueskyRecord>.Failed(var failure) } => new KeyedPostLookup(null, FromFailure(failure, certainlyUnsent: true)),
            _ => new KeyedPostLookup(null, new ChannelOutcome.Rejected(0, "réponse inattendue")),
        };
    }

    public async Task<ChannelOutcome> CheckCredentialsAsync(ChannelAccount account, CancellationToken cancellationToken)
    {
        var call = await sessions.RunAsync<string>(account, (auth, ct) => client.GetSessionAsync(auth.Server, auth.AccessJwt, ct), cancellationToken);
        return call switch
        {
            { Stopped: { } stopped } => stopped,
            { Result: BlueskyResult<string>.Ok } => new ChannelOutcome.Done(),
            { Result: BlueskyResult<string>.Failed(var failure) } => FromFailure(failure, certainlyUnsent: true),
            _ => new ChannelOutcome.Rejected(0, "réponse inattendue"),
        };
    }

    /// <summary><c>https://bsky.app/profile/HANDLE/post/RKEY</c> for an AT URI or a bare record key.</summary>
    public string PostUrl(ChannelAccount account, string postId)
    {
        var rkey = postId.StartsWith("at://", StringComparison.Ordinal) ? postId[(postId.LastIndexOf('/') + 1)..] : postId;
        return $"https://bsky.app/profile/{account.Handle.TrimStart('@')}/post/{rkey}";
    }

    /// <summary>The AT URI of the account's post at a bsky.app address (named by handle or DID).</summary>
    public string? PostIdOf(ChannelAccount account, string? address) => Core.Networks.Bluesky.BlueskyPostAddress.PostUriOf(address, account.Handle, account.RemoteUserId);

    /// <summary>What Bluesky would refuse, refused before anything is sent.</summary>
    private static ChannelOutcome? Refusal(ChannelPost post)
    {
        var length = BlueskyTextLength.Of(post.Text);
        if (!length.IsValid)
        {
            return new ChannelOutcome.Rejected(0, string.Create(CultureInfo.InvariantCulture, $"texte trop long pour Bluesky : {length.Graphemes} caractères (300 au plus) et {length.Utf8Bytes} octets (3 000 au plus)"));
        }

        if (post.Photos.Count > BlueskyPostRecord.MaxImages)
        {
            return new ChannelOutcome.Rejected(0, $"{post.Photos.Count} photos : Bluesky en accepte {BlueskyPostRecord.MaxImages} au plus");
        }

        var tooLarge = post.Photos.Select((p, i) => (Photo: p, Number: i + 1)).FirstOrDefault(p => p.Photo.Content.Length > BlueskyPostRecord.MaxImageBytes);
        if (tooLarge.Photo is not null)
        {
            return new ChannelOutcome.Rejected(413, string.Create(CultureInfo.GetCultureInfo("fr-FR"), $"photo {tooLarge.Number} trop lourde pour Bluesky : {tooLarge.Photo.Content.Length:N0} octets, {BlueskyPostRecord.MaxImageBytes:N0} au plus"));
        }

        return post.QuotePostId is not null ? new ChannelOutcome.Rejected(0, "citation non prise en charge sur Bluesky (aucune règle de réponse ne l'exige)") : null;
    }

    private async Task<BlueskyResult<ChannelOutcome>> PublishWithAsync(BlueskyAuth auth, ChannelAccount account, ChannelPost post, string rkey, CancellationToken cancellationToken)
    {
        // Already there (an earlier attempt whose answer was lost): the key is this delivery's, so the post is its own.
        var existing = await client.GetRecordAsync(auth.Server, auth.Did, rkey, cancellationToken);
        if (existing is BlueskyResult<BlueskyRecord>.Ok(var found))
        {
            return Found(account, found, post);
        }

        if (existing is BlueskyResult<BlueskyRecord>.Failed { Failure.Kind: not BlueskyFailureKind.NotFound } unread)
        {
            return Settled(FromFailure(unread.Failure, certainlyUnsent: true));
        }

        (BlueskyPostRef, BlueskyPostRef)? reply = null;
        if (post.ReplyToPostId is { } parentId)
        {
            if (!BlueskyPostRecord.TryParsePostId(parentId, auth.Did, out var parentDid, out var parentKey))
            {
                return Settled(new ChannelOutcome.Rejected(0, $"« {parentId} » n'est pas un post Bluesky"));
            }

            var parent = await client.GetRecordAsync(auth.Server, parentDid, parentKey, cancellationToken);
            if (parent is not BlueskyResult<BlueskyRecord>.Ok(var parentRecord))
            {
                var failure = ((BlueskyResult<BlueskyRecord>.Failed)parent).Failure;
                return failure.Kind == BlueskyFailureKind.NotFound
                    ? Settled(new ChannelOutcome.Rejected(failure.StatusCode, "le post auquel répondre n'existe plus sur Bluesky"))
                    : Settled(FromFailure(failure, certainlyUnsent: true));
            }

            reply = (BlueskyPostRecord.RootOf(parentRecord), new BlueskyPostRef(parentRecord.Uri, parentRecord.Cid));
        }

        var images = new List<(MessagePhoto, JsonObject)>();
        foreach (var photo in post.Photos.OrderBy(p => p.Position))
        {
            var upload = await client.UploadBlobAsync(auth.Server, auth.AccessJwt, photo.Content, photo.ContentType, cancellationToken);
            if (upload is not BlueskyResult<JsonObject>.Ok(var blob))
            {
                var failure = ((BlueskyResult<JsonObject>.Failed)upload).Failure;

                // A token refused on the first upload is renewed by the session (nothing created yet).
                return failure.Kind == BlueskyFailureKind.TokenRejected
                    ? new BlueskyResult<ChannelOutcome>.Failed(failure)
                    : Settled(FromFailure(failure, certainlyUnsent: true));
            }

            images.Add((photo, blob));
        }

        var record = BlueskyPostRecord.Build(post.Text, timeProvider.GetUtcNow().UtcDateTime, images, reply);
        var created = await client.CreateRecordAsync(auth.Server, auth.AccessJwt, auth.Did, rkey, record, cancellationToken);
        switch (created)
        {
            case BlueskyResult<(string Uri, string Cid)>.Ok(var (uri, _)):
                return Done(account, uri);
            case BlueskyResult<(string, string)>.Failed { Failure.Kind: BlueskyFailureKind.MaybeActed } uncertain:
                // A 500 ("There is already a value at key"), a time-out or a dropped connection: look at the key once.
                var check = await client.GetRecordAsync(auth.Server, auth.Did, rkey, cancellationToken);
                return check is BlueskyResult<BlueskyRecord>.Ok(var made)
                    ? Found(account, made, post)
                    : Settled(new ChannelOutcome.Ambiguous(uncertain.Failure.Detail));
            case BlueskyResult<(string, string)>.Failed { Failure.Kind: BlueskyFailureKind.TokenRejected } rejected:
                return new BlueskyResult<ChannelOutcome>.Failed(rejected.Failure);
            case BlueskyResult<(string, string)>.Failed(var failure):
                return Settled(FromFailure(failure, certainlyUnsent: false));
            default:
                return Settled(new ChannelOutcome.Rejected(0, "réponse inattendue"));
        }
    }

    private async Task<BlueskyResult<RecentPosts>> ReadRecentAsync(BlueskyAuth auth, DateTime sinceUtc, CancellationToken cancellationToken)
    {
        var posts = new List<RemotePost>();
        string? cursor = null;
        for (var page = 0; page < options.Value.MaxRecentPages; page++)
        {
            var read = await client.ListRecordsAsync(auth.Server, auth.Did, options.Value.RecentPageSize, cursor, cancellationToken);
            if (read is not BlueskyResult<BlueskyRecordPage>.Ok(var records))
            {
                return new BlueskyResult<RecentPosts>.Failed(((BlueskyResult<BlueskyRecordPage>.Failed)read).Failure);
            }

            foreach (var record in records.Records)
            {
                var post = BlueskyRemotePost.Of(record);
                if (Tid.TryParse(post.RecordKey, out var tid) && tid.InstantUtc < sinceUtc)
                {
                    return new BlueskyResult<RecentPosts>.Ok(RecentPosts.Read(posts, complete: true));
                }

                posts.Add(post);
            }

            if (records.Cursor is null || records.Records.Count == 0)
            {
                return new BlueskyResult<RecentPosts>.Ok(RecentPosts.Read(posts, complete: true));
            }

            cursor = records.Cursor;
        }

        return new BlueskyResult<RecentPosts>.Ok(RecentPosts.Read(posts, complete: false));
    }

    /// <summary>
    /// The post at the delivery's key is its own when it carries the same text (a delivery's text cannot change while an
    /// attempt may be online). Another text there means the key was given twice: never claim someone else's post.
    /// </summary>
    private BlueskyResult<ChannelOutcome> Found(ChannelAccount account, BlueskyRecord record, ChannelPost post) =>
        record.Value["text"]?.GetValue<string>() == post.Text
            ? Done(account, record.Uri)
            : Settled(new ChannelOutcome.Rejected(409, $"la clé {post.ClientKey} porte déjà un autre post de ce compte Bluesky"));

    private BlueskyResult<ChannelOutcome> Done(ChannelAccount account, string uri) => Settled(new ChannelOutcome.Done(uri, PostUrl(account, uri)));

    private static BlueskyResult<ChannelOutcome> Settled(ChannelOutcome outcome) => new BlueskyResult<ChannelOutcome>.Ok(outcome);

    private static ChannelOutcome Outcome(SessionCall<ChannelOutcome> call, bool certainlyUnsent) => call switch
    {
        { Stopped: { } stopped } => stopped,
        { Result: BlueskyResult<ChannelOutcome>.Ok(var outcome) } => outcome,
        { Result: BlueskyResult<ChannelOutcome>.Failed(var failure) } => FromFailure(failure, certainlyUnsent),
        _ => new ChannelOutcome.Rejected(0, "réponse inattendue"),
    };

    /// <summary>
    /// A PDS failure in the channel's terms. Only an answer that proves nothing was done is "not sent"; a call that may have
    /// acted (create, delete) without such an answer is ambiguous. A token still refused after a renewed session is a 401.
    /// </summary>
    internal static ChannelOutcome FromFailure(BlueskyFailure failure, bool certainlyUnsent) => failure.Kind switch
    {
        BlueskyFailureKind.Unsent => new ChannelOutcome.NotSent(failure.Detail),
        BlueskyFailureKind.MaybeActed when certainlyUnsent => new ChannelOutcome.NotSent(failure.Detail),
        BlueskyFailureKind.MaybeActed => new ChannelOutcome.Ambiguous(failure.Detail),
        BlueskyFailureKind.RateLimited => new ChannelOutcome.RateLimited(failure.RetryAtUtc!.Value, failure.Detail),
        BlueskyFailureKind.TokenRejected or BlueskyFailureKind.AuthenticationRefused => new ChannelOutcome.Unauthorized(failure.Detail, CredentialsChanged: true),
        _ => new ChannelOutcome.Rejected(failure.StatusCode, failure.Detail),
    };
}

/// <summary>A post of the account read back from its repository; the copy of a sent post iff its record key is the delivery's key.</summary>
public sealed record BlueskyRemotePost(string Id, DateTime? CreatedAtUtc, string RecordKey, string Text) : RemotePost(Id, CreatedAtUtc)
{
    public override bool IsCopyOf(ChannelPost sent) => sent.ClientKey is not null && sent.ClientKey == RecordKey;

    public static BlueskyRemotePost Of(BlueskyRecord record)
    {
        var rkey = record.Uri[(record.Uri.LastIndexOf('/') + 1)..];
        DateTime? createdAt = DateTime.TryParse(record.Value["createdAt"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : Tid.TryParse(rkey, out var tid) ? tid.InstantUtc : null;
        return new BlueskyRemotePost(record.Uri, createdAt, rkey, record.Value["text"]?.GetValue<string>() ?? string.Empty);
    }
}
