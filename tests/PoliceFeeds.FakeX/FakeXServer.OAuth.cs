using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PoliceFeeds.FakeX;

/// <summary>
/// OAuth 2.0 with PKCE: the authorize page, and the token endpoint whose refresh tokens work once (a used one answers
/// 400 like X). The token form is checked field by field (the OpenAPI description does not cover this endpoint).
/// </summary>
public sealed partial class FakeXServer
{
    private static readonly Dictionary<string, string[]> TokenFields = new(StringComparer.Ordinal)
    {
        ["authorization_code"] = ["grant_type", "code", "redirect_uri", "code_verifier", "client_id"],
        ["refresh_token"] = ["grant_type", "refresh_token", "client_id"],
    };

    private IResult AuthorizePage(HttpContext context)
    {
        var q = context.Request.Query;
        if (q["response_type"] != "code" || q["client_id"] != ClientId || string.IsNullOrEmpty(q["redirect_uri"])
            || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]) || string.IsNullOrEmpty(q["state"])
            || !(q["scope"].ToString().Split(' ').ToHashSet() is var scopes && new[] { "tweet.read", "tweet.write", "users.read", "offline.access" }.All(scopes.Contains)))
        {
            return Results.Content("<!DOCTYPE html><html lang=\"fr\"><head><title>Erreur</title></head><body><main><h1>Requête d'autorisation invalide</h1></main></body></html>", "text/html; charset=utf-8", statusCode: 400);
        }

        string Hidden(string name) => $"<input type=\"hidden\" name=\"{name}\" value=\"{WebUtility.HtmlEncode(q[name])}\">";
        var html = $"""
            <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>X (simulé) – Autoriser PoliceFeeds</title></head>
            <body><main><h1>Autoriser PoliceFeeds à accéder à votre compte ?</h1>
            <p>Compte : @{WebUtility.HtmlEncode(AuthorizingAccount?.Username ?? "compte_fictif")}</p>
            <p>Autorisations demandées : {WebUtility.HtmlEncode(q["scope"])}</p>
            <form method="post" action="/i/oauth2/authorize">{Hidden("redirect_uri")}{Hidden("state")}{Hidden("code_challenge")}
            <button type="submit">Autoriser l'application</button></form></main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private async Task<IResult> AuthorizeApprove(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var account = AuthorizingAccount ??= new FakeXAccount(NextId(), "compte_fictif");
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = (account, form["code_challenge"]!, form["redirect_uri"]!, Now.AddSeconds(30));
        var redirect = $"{form["redirect_uri"]}{(form["redirect_uri"].ToString().Contains('?', StringComparison.Ordinal) ? "&" : "?")}state={Uri.EscapeDataString(form["state"]!)}&code={code}";
        return Results.Redirect(redirect);
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        _requestCounts.AddOrUpdate(FakeXEndpoint.Token, 1, (_, n) => n + 1);
        switch (await NextFaultAsync(context, FakeXEndpoint.Token))
        {
            case FakeXFault.ServerErrorFault error:
                return Problem(error.Status, "Service Unavailable", "Service Unavailable");
            case FakeXFault.RateLimitedFault:
                return Problem(429, "Too Many Requests", "Too Many Requests");
        }

        if (!context.Request.HasFormContentType)
        {
            return TokenError("invalid_request", "Missing required parameter [grant_type].");
        }

        var form = await context.Request.ReadFormAsync();
        var basic = context.Request.Headers.Authorization.ToString();
        var expectedBasic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(ClientId)}:{Uri.EscapeDataString(ClientSecret)}"));
        if (basic != expectedBasic)
        {
            return Results.Json(new { error = "invalid_client", error_description = "Missing valid authorization header" }, statusCode: 401);
        }

        var grant = form["grant_type"].ToString();
        if (!TokenFields.TryGetValue(grant, out var allowed))
        {
            return Results.Json(new { error = "unsupported_grant_type", error_description = "Value passed for the grant type was invalid." }, statusCode: 400);
        }

        if (form.Keys.FirstOrDefault(k => !allowed.Contains(k)) is { } unknown)
        {
            _schemaViolations.Enqueue($"POST /2/oauth2/token: unknown field {unknown}");
            return TokenError("invalid_request", $"Unexpected parameter [{unknown}].");
        }

        FakeXAccount account;
        if (grant == "authorization_code")
        {
            if (!_codes.TryRemove(form["code"].ToString(), out var code) || code.Expires < Now || code.RedirectUri != form["redirect_uri"])
            {
                return TokenError("invalid_request", "Value passed for the authorization code was invalid.");
            }

            var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            if (challenge != code.Challenge)
            {
                return TokenError("invalid_request", "Value passed for the code verifier was invalid.");
            }

            account = code.Account;
        }
        else
        {
            // Refresh tokens rotate: the one used stops working, and a second use answers 400.
            if (!_refreshTokens.TryRemove(form["refresh_token"].ToString(), out account!))
            {
                return TokenError("invalid_request", "Value passed for the token was invalid.");
            }

            Interlocked.Increment(ref _refreshes);
        }

        var accessToken = "at-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var refreshToken = "rt-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _bearerTokens[accessToken] = (account, Now + AccessTokenLifetime);
        _refreshTokens[refreshToken] = account;
        return Results.Json(new
        {
            token_type = "bearer",
            expires_in = (long)AccessTokenLifetime.TotalSeconds,
            access_token = accessToken,
            scope = "tweet.read tweet.write users.read media.write offline.access",
            refresh_token = refreshToken,
        });
    }

    private static IResult TokenError(string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: 400);
}
