using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PoliceFeeds.FakeX;

/// <summary>Media: one-shot upload (multipart or JSON with base64) and metadata (alt text), both checked against X's schemas.</summary>
public sealed partial class FakeXServer
{
    private async Task<IResult> UploadMediaAsync(HttpContext context, FakeXAccount account)
    {
        long length;
        JsonObject body;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync();
            // The multipart fields as the schema sees them (the file is the binary "media").
            body = [];
            foreach (var field in form)
            {
                body[field.Key] = field.Value.ToString();
            }

            foreach (var file in form.Files)
            {
                body[file.Name] = "(binary)";
            }

            length = form.Files.GetFile("media")?.Length ?? 0;
        }
        else if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
            }
            catch (JsonException)
            {
                return Problem(400, "Invalid Request", "The request body is not valid JSON.");
            }

            try
            {
                length = body["media"] is JsonValue media && media.TryGetValue<string>(out var base64) ? Convert.FromBase64String(base64).Length : 0;
            }
            catch (FormatException)
            {
                return InvalidRequest("media must be base64-encoded.");
            }
        }
        else
        {
            return Problem(400, "Invalid Request", "Expected multipart/form-data or application/json.");
        }

        using var document = JsonDocument.Parse(body.ToJsonString());
        if (SchemaRefusal("POST /2/media/upload", _mediaUploadSchema.Validate("MediaUploadRequest", document.RootElement)) is { } refusal)
        {
            return refusal;
        }

        if (length == 0 || body["media_category"]?.GetValue<string>() != "tweet_image")
        {
            return InvalidRequest("media and media_category=tweet_image are required.");
        }

        var id = NextId();
        var uploaded = new FakeMedia(id, account.Id, length);
        _media[id] = uploaded;
        return Results.Json(new { data = new { id, media_key = uploaded.Key, expires_after_secs = 86400, size = length } });
    }

    private async Task<IResult> SetMetadataAsync(HttpContext context, FakeXAccount account)
    {
        var (document, refusal) = await ReadJsonBodyAsync(context, "POST /2/media/metadata", _mediaMetadataSchema, "CreateMediaMetadataRequest");
        if (document is null)
        {
            return refusal!;
        }

        using (document)
        {
            var root = document.RootElement;
            var id = root.GetProperty("id").GetString()!;
            if (!_media.TryGetValue(id, out var media) || media.AccountId != account.Id)
            {
                return InvalidRequest("Your media ID is invalid.");
            }

            if (root.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("alt_text", out var alt))
            {
                media.AltText = alt.GetProperty("text").GetString();
            }

            return Results.Json(new { data = new { id, associated_metadata = true } });
        }
    }
}
