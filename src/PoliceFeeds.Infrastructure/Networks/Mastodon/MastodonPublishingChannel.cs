using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Networks.Mastodon;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.Infrastructure.Networks.Mastodon;

/// <summary>
/// Mastodon as a publishing channel. Exactly once by two guards that do not depend on each other: the delivery's
/// <see cref="ChannelPost.ClientKey"/> travels as the <c>Idempotency-Key</c> of every create (Mastodon returns the status
/// already created for a repeat within the hour), and an uncertain create is never retried here: it comes back
/// <see cref="ChannelOutcome.Ambiguous"/>, and the publisher reconciles it against the account's statuses
/// (<see cref="FindRecentPostsAsync"/>, matched on the status's source text and photo count) before any new attempt.
/// </summary>
public sealed class MastodonPublishingChannel(
    MastodonClient client,
    IMastodonConnections connections,
    IOptions<MastodonOptions> options,
    TimeProvider timeProvider,
    ILogger<MastodonPublishingChannel> logger) : IPublishingChannel
{
    /// <summary>In-place retries of a request that certainly did not reach the instance.</summary>
    private const int UnsentRetries = 2;

    public async Task<ChannelOutcome> PublishAsync(ChannelAccount account, ChannelPost post, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(post.ClientKey))
        {
            throw new ArgumentException("A Mastodon delivery needs its ClientKey (the Idempotency-Key of every attempt).", nameof(post));
        }

        if (post.QuotePostId is not null)
        {
            return new ChannelOutcome.Rejected(400, "les citations ne sont pas envoyées sur Mastodon");
        }

        if (await connections.GetAsync(account.Id, cancellationToken) is not { } connection)
        {
            return new ChannelOutcome.NoCredentials();
        }

        var limits = await LimitsAsync(connection.Instance, cancellationToken);
        if (limits is not null && Refusal(post, limits) is { } refused)
        {
            return refused;
        }

        var mediaIds = new List<string>();
        foreach (var photo in post.Photos)
        {
            var upload = await client.UploadMediaAsync(connection.Auth, new MastodonMediaUpload(photo.Content, photo.ContentType, photo.AltText), cancellationToken);
            if (!upload.Succeeded)
            {
                // No status was created: whatever happened to the media, the post is certainly not online.
                return await ToChannelAsync(Unsent(upload.Failure!), account, connection, cancellationToken);
            }

            mediaIds.Add(upload.Value!);
        }

        var status = new MastodonNewStatus(post.Text, mediaIds, post.ReplyToPostId);
        var created = await client.CreateStatusAsync(connection.Auth, status, post.ClientKey, cancellationToken);
        for (var retry = 0; retry < UnsentRetries && created.Failure is ChannelOutcome.NotSent; retry++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100 * (retry + 1)), timeProvider, cancellationToken);
            created = await client.CreateStatusAsync(connection.Auth, status, post.ClientKey, cancellationToken);
        }

        return created.Value is { } done
            ? new ChannelOutcome.Done(done.Id, done.Url ?? PostUrl(account, done.Id))
            : await ToChannelAsync(created.Failure!, account, connection, cancellationToken);
    }

    public async Task<ChannelOutcome> DeleteAsync(ChannelAccount account, string postId, CancellationToken cancellationToken)
    {
        if (await connections.GetAsync(account.Id, cancellationToken) is not { } connection)
        {
            return new ChannelOutcome.NoCredentials();
        }

        var deleted = await client.DeleteStatusAsync(connection.Auth, postId, cancellationToken);
        return deleted.Succeeded ? new ChannelOutcome.Done() : await ToChannelAsync(deleted.Failure!, account, connection, cancellationToken);
    }

    /// <summary>
    /// The account's statuses since <paramref name="sinceUtc"/>; for each one posted by PoliceFeeds (or by an unnamed
    /// client), up to <see cref="MastodonOptions.MaxSourceReads"/>, its source text is read too, so that the match is
    /// exact. A source that cannot be read leaves the match to the HTML content.
    /// </summary>
    public async Task<RecentPosts> FindRecentPostsAsync(ChannelAccount account, DateTime sinceUtc, CancellationToken cancellationToken)
    {
        if (await connections.GetAsync(account.Id, cancellationToken) is not { } connection)
        {
            return RecentPosts.Unavailable(new ChannelOutcome.NoCredentials());
        }

        var remoteId = account.RemoteUserId ?? connection.RemoteUserId;
        if (remoteId is null)
        {
            var me = await client.VerifyCredentialsAsync(connection.Auth, cancellationToken);
            if (me.Value is not { } info)
            {
                return RecentPosts.Unavailable(await ToChannelAsync(me.Failure!, account, connection, cancellationToken));
            }

            remoteId = info.Id;
            await connections.SaveRemoteUserIdAsync(account.Id, info.Id, cancellationToken);
        }

        var read = await client.GetStatusesSinceAsync(connection.Auth, remoteId, sinceUtc, cancellationToken);
        if (read.Value is not { } timeline)
        {
            return RecentPosts.Unavailable(await ToChannelAsync(read.Failure!, account, connection, cancellationToken));
        }

        var posts = new List<RemotePost>();
        var sourceReads = 0;
        foreach (var status in timeline.Statuses)
        {
            var source = status;
            if ((status.ApplicationName is null || status.ApplicationName == options.Value.ClientName) && sourceReads++ < options.Value.MaxSourceReads)
            {
                var text = await client.GetStatusSourceAsync(connection.Auth, status.Id, cancellationToken);
                source = status with { SourceText = text.Value };
            }

            posts.Add(new MastodonRemotePost(source));
        }

        return RecentPosts.Read(posts, timeline.Complete);
    }

    public async Task<ChannelOutcome> CheckCredentialsAsync(ChannelAccount account, CancellationToken cancellationToken)
    {
        if (await connections.GetAsync(account.Id, cancellationToken) is not { } connection)
        {
            return new ChannelOutcome.NoCredentials();
        }

        var me = await client.VerifyCredentialsAsync(connection.Auth, cancellationToken);
        return me.Succeeded ? new ChannelOutcome.Done() : await ToChannelAsync(me.Failure!, account, connection, cancellationToken);
    }

    /// <summary>The id of the account's status at an address on its own instance.</summary>
    public string? PostIdOf(ChannelAccount account, string? address) => Core.Networks.Mastodon.MastodonPostAddress.StatusIdOf(address, account.Handle, account.ServerUrl);

    /// <summary>The status's address as Mastodon forms it for a local account (the server's <c>url</c> is used when known).</summary>
    public string PostUrl(ChannelAccount account, string postId) =>
        new Uri(MastodonInstance.Parse(account.ServerUrl ?? throw new InvalidOperationException("A Mastodon account has its instance (ServerUrl).")), $"@{account.Handle.TrimStart('@')}/{postId}").AbsoluteUri;

    /// <summary>
    /// The instance's limits, or null when they cannot be read (an instance older than 4.0 has no <c>/api/v2/instance</c>):
    /// then nothing is refused beforehand, the instance validates (a guess at its limits could refuse a valid text for good).
    /// </summary>
    private async Task<MastodonLimits?> LimitsAsync(Uri instance, CancellationToken cancellationToken)
    {
        var read = await client.GetInstanceLimitsAsync(instance, cancellationToken);
        if (read.Value is null)
        {
            logger.LogWarning("Mastodon instance {Instance}: limits unreadable ({Failure}); the instance alone validates", instance.Host, read.Failure);
        }

        return read.Value;
    }

    /// <summary>What the instance would refuse, refused before anything is uploaded (nothing sent).</summary>
    private ChannelOutcome.Rejected? Refusal(ChannelPost post, MastodonLimits limits)
    {
        MastodonLengthCheck length;
        try
        {
            length = limits.CheckStatus(post.Text);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            // A pathological text: the instance gives its own verdict.
            logger.LogWarning("Mastodon status of message {MessageId}: its length could not be counted in time", post.MessageId);
            return null;
        }

        if (!length.IsValid)
        {
            return new ChannelOutcome.Rejected(422, $"texte de {length.Count} caractères pour une limite de {length.Limit} sur l'instance (vérifié avant l'envoi)");
        }

        if (post.Photos.Count > limits.MaxMediaAttachments)
        {
            return new ChannelOutcome.Rejected(422, $"{post.Photos.Count} photos pour {limits.MaxMediaAttachments} au plus sur l'instance (vérifié avant l'envoi)");
        }

        var tooLong = post.Photos.Select(p => limits.CheckAltText(p.AltText)).FirstOrDefault(c => !c.IsValid);
        return tooLong is null ? null : new ChannelOutcome.Rejected(422, $"description de photo de {tooLong.Count} caractères pour {tooLong.Limit} au plus sur l'instance (vérifié avant l'envoi)");
    }

    /// <summary>A failure before the create: whatever it was, no status exists.</summary>
    private static ChannelOutcome Unsent(ChannelOutcome failure) => failure is ChannelOutcome.Ambiguous(var detail) ? new ChannelOutcome.NotSent(detail) : failure;

    /// <summary>A 401 marks the account "to reconnect" only if its stored credentials are still those used.</summary>
    private async Task<ChannelOutcome> ToChannelAsync(ChannelOutcome failure, ChannelAccount account, MastodonConnection used, CancellationToken cancellationToken) =>
        failure is ChannelOutcome.Unauthorized(var detail, _)
            ? new ChannelOutcome.Unauthorized(detail, CredentialsChanged: !await connections.MarkNeedsReconnectingAsync(account.Id, used, cancellationToken))
            : failure;

    private sealed record MastodonRemotePost(MastodonStatus Status) : RemotePost(Status.Id, Status.CreatedAtUtc)
    {
        public override bool IsCopyOf(ChannelPost sent) =>
            MastodonStatusMatch.IsCopy(sent.Text, sent.Photos.Count, Status.SourceText, Status.Content, Status.MediaCount);
    }
}
