using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace PoliceFeeds.FakeMastodon;

/// <summary>Apps (<c>POST /api/v1/apps</c>), the authorize page (code flow) and the token endpoint, with Doorkeeper's errors.</summary>
public sealed partial class FakeMastodonServer
{
    private readonly ConcurrentDictionary<string, FakeMastodonApp> _apps = new();
    private readonly ConcurrentDictionary<string, (FakeMastodonApp App, FakeMastodonAccount Account, string RedirectUri, string Scope)> _codes = new();

    public IReadOnlyCollection<FakeMastodonApp> Apps => _apps.Values.ToList();

    private async Task<IResult> RegisterAppAsync(HttpContext context)
    {
        _requestCounts.AddOrUpdate(FakeMastodonEndpoint.Apps, 1, (_, n) => n + 1);
        var form = await context.Request.ReadFormAsync();
        var name = form["client_name"].ToString();
        if (name.Length == 0)
        {
            return Error(422, "Validation failed: Application name can't be blank");
        }

        var redirect = form["redirect_uris"].ToString();
        var scopes = form["scopes"].ToString() is { Length: > 0 } given ? given : "read";
        var app = new FakeMastodonApp(Secret(), Secret(), name, redirect.Length == 0 ? "urn:ietf:wg:oauth:2.0:oob" : redirect, scopes);
        _apps[app.ClientId] = app;
        return Results.Json(new
        {
            id = NextId(),
            name,
            website = form["website"].ToString() is { Length: > 0 } w ? w : null,
            scopes = scopes.Split(' '),
            redirect_uri = app.RedirectUri,
            redirect_uris = new[] { app.RedirectUri },
            client_id = app.ClientId,
            client_secret = app.ClientSecret,
        });
    }

    /// <summary>The authorize page, approved at once by <see cref="AuthorizingAccount"/>: a redirect with the code and state (or the code shown, out of band).</summary>
    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        if (!_apps.TryGetValue(query["client_id"].ToString(), out var app) || query["redirect_uri"] != app.RedirectUri || query["response_type"] != "code")
        {
            return Results.Content("<p>The redirect uri included is not valid.</p>", "text/html", statusCode: 400);
        }

        var scope = query["scope"].ToString();
        if (scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Except(app.Scopes.Split(' ')).Any() || AuthorizingAccount is null)
        {
            return Results.Content("<p>The requested scope is invalid, unknown, or malformed.</p>", "text/html", statusCode: 400);
        }

        if (DenyAuthorization)
        {
            // Doorkeeper's answer when the person clicks "Refuser": back to the client with the error and the state.
            return Results.Redirect($"{app.RedirectUri}?error=access_denied&error_description={Uri.EscapeDataString("The resource owner or authorization server denied the request.")}&state={Uri.EscapeDataString(query["state"].ToString())}");
        }

        var code = Secret();
        _codes[code] = (app, AuthorizingAccount, app.RedirectUri, scope);
        return app.RedirectUri == "urn:ietf:wg:oauth:2.0:oob"
            ? Results.Content($"<input class=\"oauth-code\" readonly type=\"text\" value=\"{code}\">", "text/html")
            : Results.Redirect($"{app.RedirectUri}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(query["state"].ToString())}");
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        _requestCounts.AddOrUpdate(FakeMastodonEndpoint.Token, 1, (_, n) => n + 1);
        var form = await context.Request.ReadFormAsync();
        if (!_apps.TryGetValue(form["client_id"].ToString(), out var app) || form["client_secret"] != app.ClientSecret)
        {
            return Results.Json(new { error = "invalid_client", error_description = "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method." }, statusCode: 401);
        }

        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant) || grant.App != app || form["redirect_uri"] != grant.RedirectUri)
        {
            return Results.Json(new { error = "invalid_grant", error_description = "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client." }, statusCode: 400);
        }

        var token = Secret();
        _tokens[token] = grant.Account;
        return Results.Json(new { access_token = token, token_type = "Bearer", scope = grant.Scope, created_at = Now.ToUnixTimeSeconds() });
    }

    private IResult InstanceInfo() => Results.Json(new
    {
        domain = BaseAddress.Authority,
        title = "Fake Mastodon",
        version = "4.5.0",
        configuration = new
        {
            statuses = new { max_characters = Behaviour.MaxCharacters, max_media_attachments = 4, characters_reserved_per_url = 23 },
            media_attachments = new
            {
                supported_mime_types = new[] { "image/jpeg", "image/png", "image/gif", "image/webp" },
                description_limit = Behaviour.DescriptionLimit,
                image_size_limit = 16_777_216,
                image_matrix_limit = 33_177_600,
            },
        },
    });

    private static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <summary>An application registered on the fake instance.</summary>
public sealed record FakeMastodonApp(string ClientId, string ClientSecret, string Name, string RedirectUri, string Scopes);
