using System.Text.RegularExpressions;

namespace PoliceFeeds.Core.Networks.X;

/// <summary>The address of a post on X, as a person copies it from a browser: <c>https://x.com/handle/status/123…</c>.</summary>
public static partial class XPostAddress
{
    /// <summary>The post's address as PoliceFeeds links to it.</summary>
    public static string For(string handle, string postId) => $"https://x.com/{handle.TrimStart('@')}/status/{postId}";

    /// <summary>
    /// The post id in <paramref name="address"/> if it is a post of <paramref name="handle"/> (x.com or twitter.com, with or
    /// without "www." or "mobile.", any query or fragment); null otherwise (another account's post, not a post's address).
    /// </summary>
    public static string? PostIdOf(string? address, string handle)
    {
        var match = Address().Match(address?.Trim() ?? "");
        return match.Success && string.Equals(match.Groups["handle"].Value, handle.TrimStart('@'), StringComparison.OrdinalIgnoreCase)
            ? match.Groups["id"].Value
            : null;
    }

    [GeneratedRegex(@"^https?://(?:www\.|mobile\.)?(?:x|twitter)\.com/(?<handle>[A-Za-z0-9_]{1,15})/status(?:es)?/(?<id>[0-9]{1,19})/?(?:[?#].*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
