using System.Text.Json.Nodes;

namespace PoliceFeeds.Infrastructure.Networks.Mastodon;

/// <summary>Connecting an account: the app registered on its instance, then OAuth 2.0's authorization code flow.</summary>
public sealed partial class MastodonClient
{
    /// <summary>
    /// Registers PoliceFeeds on an instance (<c>POST /api/v1/apps</c>): once per instance, kept for every account on it.
    /// <paramref name="redirectUri"/> is where the instance sends the administrator back (default:
    /// <see cref="MastodonOptions.RedirectUri"/>).
    /// </summary>
    public Task<MastodonCall<MastodonApp>> RegisterAppAsync(Uri instance, CancellationToken cancellationToken, string? redirectUri = null)
    {
        var redirect = redirectUri ?? Options.RedirectUri;
        var form = new Dictionary<string, string>
        {
            ["client_name"] = Options.ClientName,
            ["redirect_uris"] = redirect,
            ["scopes"] = Options.Scopes,
        };
        if (Options.Website is { } website)
        {
            form["website"] = website;
        }

        return SendAsync(instance, null, HttpMethod.Post, "api/v1/apps", () => new FormUrlEncodedContent(form), MastodonEffect.None, null,
            (json, _) => new MastodonApp(instance, Text(json["client_id"]) ?? throw new FormatException("no client_id"), Text(json["client_secret"]) ?? throw new FormatException("no client_secret"), redirect),
            cancellationToken);
    }

    /// <summary>Where to send the administrator to grant access (<c>/oauth/authorize</c>, code flow), with the page's <paramref name="state"/>.</summary>
    public Uri AuthorizationUrl(MastodonApp app, string state)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        var query = string.Join('&', new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = app.ClientId,
            ["redirect_uri"] = app.RedirectUri ?? Options.RedirectUri,
            ["scope"] = Options.Scopes,
            ["state"] = state,
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        return new Uri(app.Instance, "oauth/authorize?" + query);
    }

    /// <summary>Exchanges the code the instance gave back for the account's access token (<c>POST /oauth/token</c>).</summary>
    public Task<MastodonCall<string>> ExchangeCodeAsync(MastodonApp app, string code, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["client_id"] = app.ClientId,
            ["client_secret"] = app.ClientSecret,
            ["redirect_uri"] = app.RedirectUri ?? Options.RedirectUri,
            ["scope"] = Options.Scopes,
        };
        return SendAsync(app.Instance, null, HttpMethod.Post, "oauth/token", () => new FormUrlEncodedContent(form), MastodonEffect.None, null,
            (json, _) => Text(json["access_token"]) ?? throw new FormatException("no access_token"), cancellationToken);
    }
}

/// <summary>Instance limits read from <c>GET /api/v2/instance</c>, kept a while per instance (a singleton).</summary>
public sealed class MastodonInstanceCache
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Core.Networks.Mastodon.MastodonLimits Limits, DateTime Until)> _entries = new();

    public Core.Networks.Mastodon.MastodonLimits? TryGet(Uri instance, DateTime nowUtc) =>
        _entries.TryGetValue(instance.AbsoluteUri, out var entry) && entry.Until > nowUtc ? entry.Limits : null;

    public void Set(Uri instance, Core.Networks.Mastodon.MastodonLimits limits, DateTime untilUtc) => _entries[instance.AbsoluteUri] = (limits, untilUtc);
}
