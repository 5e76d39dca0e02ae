using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Infrastructure.Networks.Mastodon;

/// <summary>A call to an instance: its value, or what it came to in the channel's terms (already honest about "sent").</summary>
public sealed record MastodonCall<T>(T? Value, ChannelOutcome? Failure)
{
    public bool Succeeded => Failure is null;

    public static MastodonCall<T> Ok(T value) => new(value, null);

    public static MastodonCall<T> Failed(ChannelOutcome failure) => new(default, failure);
}

/// <summary>An account's access on its instance (tokens do not expire unless revoked).</summary>
public sealed record MastodonAuth(Uri Instance, string AccessToken);

/// <summary>
/// PoliceFeeds's application as registered on one instance (<c>POST /api/v1/apps</c>), with the redirect address it was
/// registered with (null: <see cref="MastodonOptions.RedirectUri"/>).
/// </summary>
public sealed record MastodonApp(Uri Instance, string ClientId, string ClientSecret, string? RedirectUri = null);

/// <summary>The account behind a token (<c>GET /api/v1/accounts/verify_credentials</c>).</summary>
public sealed record MastodonAccountInfo(string Id, string Username, string Acct, string? Url);

/// <summary>A status to create.</summary>
public sealed record MastodonNewStatus(string Text, IReadOnlyList<string> MediaIds, string? InReplyToId, string Language = "fr", string Visibility = "public");

/// <summary>A status as the instance returns it (content is HTML).</summary>
public sealed record MastodonStatus(string Id, DateTime CreatedAtUtc, string? Url, string Content, int MediaCount, string? ApplicationName, string? InReplyToId)
{
    /// <summary>The text as sent, from <c>GET /api/v1/statuses/:id/source</c>, when it was read.</summary>
    public string? SourceText { get; init; }
}

/// <summary>The account's statuses since an instant, and whether the read reached back to it.</summary>
public sealed record MastodonTimeline(IReadOnlyList<MastodonStatus> Statuses, bool Complete);

/// <summary>A media to upload with its description (alt text).</summary>
public sealed record MastodonMediaUpload(ReadOnlyMemory<byte> Content, string ContentType, string Description);

/// <summary>A status's public counts.</summary>
public sealed record MastodonStatusCounts(string Id, int Favourites, int Reblogs, int Replies);
