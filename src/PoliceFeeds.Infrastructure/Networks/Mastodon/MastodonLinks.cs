using System.Text.RegularExpressions;

namespace PoliceFeeds.Infrastructure.Networks.Mastodon;

/// <summary>Mastodon's paging <c>Link</c> header (<c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="prev"</c>).</summary>
public static partial class MastodonLinks
{
    /// <summary>The next page's address, or null.</summary>
    public static string? Next(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var values) ? Next(string.Join(',', values)) : null;

    public static string? Next(string header)
    {
        foreach (Match match in LinkPattern().Matches(header))
        {
            if (match.Groups["rel"].Value.Split(' ').Contains("next", StringComparer.OrdinalIgnoreCase))
            {
                return match.Groups["url"].Value;
            }
        }

        return null;
    }

    /// <summary>
    /// The link as a path relative to the instance, only if it stays on the instance (same scheme, host and port): the
    /// token is never sent elsewhere. Null otherwise (the caller pages with <c>max_id</c>).
    /// </summary>
    public static string? SameInstance(Uri instance, string? link)
    {
        if (link is null || !Uri.TryCreate(link, UriKind.Absolute, out var uri)
            || uri.Scheme != instance.Scheme || !string.Equals(uri.Host, instance.Host, StringComparison.OrdinalIgnoreCase) || uri.Port != instance.Port
            || !uri.AbsolutePath.StartsWith(instance.AbsolutePath, StringComparison.Ordinal))
        {
            return null;
        }

        return uri.PathAndQuery[instance.AbsolutePath.Length..];
    }

    [GeneratedRegex("<(?<url>[^>]*)>\\s*;\\s*rel=\"(?<rel>[^\"]*)\"", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LinkPattern();
}
