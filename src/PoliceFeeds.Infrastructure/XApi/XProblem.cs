using System.Text.Json;
using System.Text.Json.Nodes;

namespace PoliceFeeds.Infrastructure.XApi;

/// <summary>Reads X's error bodies: problem documents (<c>application/problem+json</c>) and the legacy <c>errors</c> shape.</summary>
internal static class XProblem
{
    /// <summary>What X says in a 403 for duplicate content ("You are not allowed to create a Tweet with duplicate content.").</summary>
    public const string DuplicateMarker = "duplicate content";

    /// <summary>What X says when its reply rule refuses a reply (since 23 February 2026).</summary>
    public const string ReplyRuleMarker = "Reply to this conversation is not allowed";

    /// <summary>
    /// The real reason of a refusal: <c>errors[0].detail</c> or <c>errors[0].message</c> when X gives one (for example
    /// "Your reply tweet ID is invalid.", under a generic "One or more parameters to your request was invalid."),
    /// else the top-level <c>detail</c>, else its <c>title</c>.
    /// </summary>
    public static string? Reason(string body)
    {
        var json = Parse(body);
        var first = (json?["errors"] as JsonArray)?.FirstOrDefault();
        return Text(first?["detail"]) ?? Text(first?["message"]) ?? Text(json?["detail"]) ?? Text(json?["title"]);
    }

    /// <summary>Whether the reason, or any message of the body, contains <paramref name="marker"/> (case-insensitive).</summary>
    public static bool Mentions(string body, string reason, string marker)
    {
        if (reason.Contains(marker, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var json = Parse(body);
        var texts = new[] { Text(json?["detail"]), Text(json?["title"]) }
            .Concat((json?["errors"] as JsonArray ?? []).SelectMany(e => new[] { Text(e?["detail"]), Text(e?["message"]) }));
        return texts.Any(t => t?.Contains(marker, StringComparison.OrdinalIgnoreCase) == true);
    }

    private static JsonNode? Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
