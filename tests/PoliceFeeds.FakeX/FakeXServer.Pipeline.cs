using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PoliceFeeds.Infrastructure.XApi;

namespace PoliceFeeds.FakeX;

/// <summary>What every API request goes through: count, latency, authentication, scripted faults, rate limits.</summary>
public sealed partial class FakeXServer
{
    private Task<IResult> Handle(HttpContext context, FakeXEndpoint endpoint, Func<FakeXAccount, IResult> handler) =>
        HandleAsync(context, endpoint, account => Task.FromResult(handler(account)));

    private async Task<IResult> HandleAsync(HttpContext context, FakeXEndpoint endpoint, Func<FakeXAccount, Task<IResult>> handler)
    {
        _requestCounts.AddOrUpdate(endpoint, 1, (_, n) => n + 1);
        if (Faults.BaseLatency > TimeSpan.Zero)
        {
            await Task.Delay(Faults.BaseLatency, context.RequestAborted);
        }

        var account = Authenticate(context);
        if (account is null)
        {
            return Problem(401, "Unauthorized", "Unauthorized");
        }

        var fault = await NextFaultAsync(context, endpoint);
        switch (fault)
        {
            case FakeXFault.ServerErrorFault error:
                return Problem(error.Status, "Service Unavailable", "Service Unavailable");
            case FakeXFault.RateLimitedFault limited:
                context.Response.Headers["x-rate-limit-limit"] = Limits.Per15Minutes.GetValueOrDefault(endpoint, 100).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["x-rate-limit-remaining"] = "0";
                context.Response.Headers["x-rate-limit-reset"] = limited.ResetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                return Problem(429, "Too Many Requests", "Too Many Requests");
            case FakeXFault.UnauthorizedFault:
                return Problem(401, "Unauthorized", "Unauthorized");
            case FakeXFault.DuplicateFault:
                return DuplicateProblem();
            case FakeXFault.AcceptThenHangFault:
                await handler(account);
                // The request was carried out; the answer never comes (until the client gives up).
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return Results.StatusCode(504);
            case FakeXFault.AcceptThenAnswerFault answer:
                // The request was carried out; the answer says otherwise (or cannot be read).
                await handler(account);
                return answer.Body is { } body
                    ? Results.Text(body, "application/json", statusCode: answer.Status)
                    : Problem(answer.Status, "Service Unavailable", "Service Unavailable");
            case FakeXFault.NotDeletedFault:
                return Results.Json(new { data = new { deleted = false } });
        }

        if (_rateLimits.Admit(account.Id, endpoint, context.Response) is { } reset)
        {
            context.Response.Headers["x-rate-limit-reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            return Problem(429, "Too Many Requests", "Too Many Requests");
        }

        return await handler(account);
    }

    /// <summary>The scripted fault for this request, after any scripted latency.</summary>
    private async Task<FakeXFault?> NextFaultAsync(HttpContext context, FakeXEndpoint endpoint)
    {
        var fault = Faults.Next(endpoint, Now);
        while (fault is FakeXFault.LatencyFault or FakeXFault.DuringFault)
        {
            await (fault is FakeXFault.LatencyFault latency ? Task.Delay(latency.Delay, context.RequestAborted) : ((FakeXFault.DuringFault)fault).Action());
            fault = Faults.Next(endpoint, Now);
        }

        return fault;
    }

    private FakeXAccount? Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return _bearerTokens.TryGetValue(header["Bearer ".Length..], out var bearer) && (bearer.Expires is null || bearer.Expires > Now) ? bearer.Account : null;
        }

        if (!header.StartsWith("OAuth ", StringComparison.Ordinal))
        {
            return null;
        }

        var parameters = header["OAuth ".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Trim('"')));
        if (!parameters.TryGetValue("oauth_consumer_key", out var consumerKey) || consumerKey != ConsumerKey
            || !parameters.TryGetValue("oauth_token", out var token) || !_oauth1Tokens.TryGetValue(token, out var account)
            || !parameters.TryGetValue("oauth_signature", out var signature)
            || parameters.GetValueOrDefault("oauth_signature_method") != "HMAC-SHA1")
        {
            return null;
        }

        var url = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}{context.Request.QueryString}");
        var signed = parameters.Where(p => p.Key != "oauth_signature")
            .Concat(context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))));
        var expected = OAuth1Signer.Signature(context.Request.Method, url, signed, ConsumerSecret, account.AccessTokenSecret ?? "");
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)) ? account : null;
    }

    /// <summary>X's 400 for a request its description refuses: the generic detail, the reasons in <c>errors[].message</c>.</summary>
    /// <summary>
    /// The prelude of a JSON request: its body parsed and checked against X's schema for the endpoint. Returns the
    /// document (the caller disposes it), or X's refusal: 400 for a body that is not JSON, the schema's refusal (recorded
    /// as a violation) otherwise.
    /// </summary>
    private async Task<(JsonDocument? Document, IResult? Refusal)> ReadJsonBodyAsync(HttpContext context, string endpoint, SchemaValidator schema, string schemaName)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body);
        }
        catch (JsonException)
        {
            return (null, Problem(400, "Invalid Request", "The request body is not valid JSON."));
        }

        if (SchemaRefusal(endpoint, schema.Validate(schemaName, document.RootElement)) is { } refusal)
        {
            document.Dispose();
            return (null, refusal);
        }

        return (document, null);
    }

    private IResult? SchemaRefusal(string endpoint, IReadOnlyList<string> errors)
    {
        if (errors.Count == 0)
        {
            return null;
        }

        foreach (var error in errors)
        {
            _schemaViolations.Enqueue($"{endpoint}: {error}");
        }

        return Results.Json(
            new { errors = errors.Select(e => new { message = e }), title = "Invalid Request", detail = "One or more parameters to your request was invalid.", type = "https://api.twitter.com/2/problems/invalid-request" },
            statusCode: 400);
    }

    /// <summary>X's shape for a refused parameter: the real reason under a generic detail.</summary>
    private static IResult InvalidRequest(string message) =>
        Results.Json(
            new { errors = new[] { new { message } }, title = "Invalid Request", detail = "One or more parameters to your request was invalid.", type = "https://api.twitter.com/2/problems/invalid-request" },
            statusCode: 400);

    private static IResult DuplicateProblem() => Problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");

    private static IResult Problem(int status, string title, string detail) =>
        Results.Json(new { title, detail, type = "about:blank", status }, statusCode: status, contentType: "application/problem+json");
}
