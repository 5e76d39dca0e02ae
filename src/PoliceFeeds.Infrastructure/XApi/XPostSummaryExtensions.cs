using PoliceFeeds.Core.Text;

namespace PoliceFeeds.Infrastructure.XApi;

/// <summary>Hands a post X returned to the pure matcher of <see cref="RemotePostText"/>.</summary>
public static class XPostSummaryExtensions
{
    public static IReadOnlyList<RemoteUrlEntity> ToRemoteUrls(this XPostSummary post) =>
        post.Urls.Select(u => new RemoteUrlEntity(u.Start, u.End, u.Url, u.ExpandedUrl, u.DisplayUrl, u.MediaKey)).ToList();

    /// <summary>Whether this post is the one of <paramref name="sentText"/> (with <paramref name="sentPhotoCount"/> photos, when given).</summary>
    public static bool IsPostOf(this XPostSummary post, string sentText, int? sentPhotoCount = null) =>
        RemotePostText.IsSamePost(sentText, post.Text, post.ToRemoteUrls(), post.MediaKeys, sentPhotoCount);
}
