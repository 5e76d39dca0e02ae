using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace PoliceFeeds.Infrastructure.XApi;

/// <summary>OAuth 2.0 Authorization Code with PKCE against X (<c>/i/oauth2/authorize</c>, <c>/2/oauth2/token</c>).</summary>
public sealed class XOAuth2Client(HttpClient http, IOptions<XApiOptions> options, TimeProvider timeProvider) : IXOAuth2Client
{
    private readonly XApiOptions _options = options.Value;

    public XAuthorizationRequest CreateAuthorizationRequest(string redirectUri)
    {
        var state = Base64Url(RandomNumberGenerator.GetBytes(24));
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(48));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var query = string.Join("&", new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = _options.ClientId ?? throw new InvalidOperationException("XApi:ClientId is not configured."),
            ["redirect_uri"] = redirectUri,
            ["scope"] = _options.Scopes,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        return new XAuthorizationRequest($"{_options.AuthorizeUrl}?{query}", state, verifier);
    }

    public Task<XOutcome<XTokenSet>> ExchangeCodeAsync(string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken) =>
        TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = codeVerifier,
        }, cancellationToken);

    public Task<XOutcome<XTokenSet>> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, cancellationToken);

    private async Task<XOutcome<XTokenSet>> TokenAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "2/oauth2/token");
        if (!string.IsNullOrEmpty(_options.ClientSecret))
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(_options.ClientId!)}:{Uri.EscapeDataString(_options.ClientSecret)}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
        else
        {
            form["client_id"] = _options.ClientId ?? throw new InvalidOperationException("XApi:ClientId is not configured.");
        }

        request.Content = new FormUrlEncodedContent(form);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new XOutcome<XTokenSet>.TransientFailure("serveur d'autorisation de X injoignable", Ambiguous: true);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var detail = TryRead(text, "error_description") ?? TryRead(text, "error") ?? TryRead(text, "detail") ?? response.ReasonPhrase ?? "";
                return response.StatusCode switch
                {
                    >= HttpStatusCode.InternalServerError => new XOutcome<XTokenSet>.TransientFailure(detail, Ambiguous: true),
                    HttpStatusCode.TooManyRequests => new XOutcome<XTokenSet>.RateLimited(timeProvider.GetUtcNow().UtcDateTime.AddMinutes(15), detail),
                    HttpStatusCode.Unauthorized => new XOutcome<XTokenSet>.Unauthorized(detail),
                    _ => new XOutcome<XTokenSet>.Rejected((int)response.StatusCode, detail),
                };
            }

            var json = JsonNode.Parse(text)!;
            var expiresIn = json["expires_in"]?.GetValue<long>() ?? 7200;
            return new XOutcome<XTokenSet>.Success(new XTokenSet(
                json["access_token"]!.GetValue<string>(),
                json["refresh_token"]?.GetValue<string>(),
                timeProvider.GetUtcNow().UtcDateTime.AddSeconds(expiresIn),
                json["scope"]?.GetValue<string>() ?? ""));
        }
    }

    private static string? TryRead(string text, string property)
    {
        try
        {
            return JsonNode.Parse(text)?[property]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
