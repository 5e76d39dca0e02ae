using System.Text.RegularExpressions;

namespace PoliceFeeds.Core.Networks.Bluesky;

/// <summary>The address of a post on Bluesky, as a person copies it from the app: <c>https://bsky.app/profile/HANDLE/post/RKEY</c>.</summary>
public static partial class BlueskyPostAddress
{
    /// <summary>
    /// The post's AT URI (<c>at://DID/app.bsky.feed.post/RKEY</c>) if <paramref name="address"/> is a post of the account
    /// (named by its handle or its DID); null otherwise, or when the account's DID is not known.
    /// </summary>
    public static string? PostUriOf(string? address, string handle, string? did)
    {
        var match = Address().Match(address?.Trim() ?? "");
        if (!match.Success || string.IsNullOrEmpty(did))
        {
            return null;
        }

        var actor = match.Groups["actor"].Value;
        var ours = string.Equals(actor, handle.TrimStart('@'), StringComparison.OrdinalIgnoreCase) || string.Equals(actor, did, StringComparison.Ordinal);
        return ours ? $"at://{did}/app.bsky.feed.post/{match.Groups["rkey"].Value}" : null;
    }

    [GeneratedRegex(@"^https://(?:www\.)?bsky\.app/profile/(?<actor>[A-Za-z0-9.:_-]{1,253})/post/(?<rkey>[A-Za-z0-9._~:-]{1,512})/?(?:[?#].*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
