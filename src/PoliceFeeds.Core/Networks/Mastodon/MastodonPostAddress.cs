using System.Text.RegularExpressions;

namespace PoliceFeeds.Core.Networks.Mastodon;

/// <summary>
/// The address of a status on its Mastodon instance, as a person copies it from a browser:
/// <c>https://INSTANCE/@HANDLE/ID</c> (or the ActivityPub form <c>https://INSTANCE/users/HANDLE/statuses/ID</c>).
/// </summary>
public static partial class MastodonPostAddress
{
    /// <summary>The status id if <paramref name="address"/> is a status of the account on its own instance; null otherwise.</summary>
    public static string? StatusIdOf(string? address, string handle, string? instance)
    {
        var match = Address().Match(address?.Trim() ?? "");
        if (!match.Success || !Uri.TryCreate(instance, UriKind.Absolute, out var server))
        {
            return null;
        }

        var sameServer = string.Equals(match.Groups["host"].Value, server.Authority, StringComparison.OrdinalIgnoreCase);
        var sameAccount = string.Equals(match.Groups["user"].Value, handle.TrimStart('@').Split('@')[0], StringComparison.OrdinalIgnoreCase);
        return sameServer && sameAccount ? match.Groups["id"].Value : null;
    }

    [GeneratedRegex(@"^https://(?<host>[A-Za-z0-9.-]+(?::[0-9]{1,5})?)/(?:@(?<user>[A-Za-z0-9_]{1,30})|users/(?<user>[A-Za-z0-9_]{1,30})/statuses)/(?<id>[0-9]{1,30})/?(?:[?#].*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
