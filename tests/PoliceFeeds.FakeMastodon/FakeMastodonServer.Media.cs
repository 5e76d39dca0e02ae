using Microsoft.AspNetCore.Http;

namespace PoliceFeeds.FakeMastodon;

/// <summary>Media: <c>POST /api/v2/media</c> (200 processed, or 202 while processing) and <c>GET /api/v1/media/:id</c> (206, then 200).</summary>
public sealed partial class FakeMastodonServer
{
    private async Task<IResult> UploadMediaAsync(HttpContext context, FakeMastodonAccount account)
    {
        if (!context.Request.HasFormContentType)
        {
            return Error(422, "Validation failed: File can't be blank");
        }

        var form = await context.Request.ReadFormAsync();
        var file = form.Files["file"];
        if (file is null || file.Length == 0)
        {
            return Error(422, "Validation failed: File can't be blank");
        }

        if (file.ContentType is not ("image/jpeg" or "image/png" or "image/gif" or "image/webp"))
        {
            return Error(422, "Validation failed: File content type is invalid, File is invalid");
        }

        var description = form["description"].ToString();
        if (description.EnumerateRunes().Count() > Behaviour.DescriptionLimit)
        {
            return Error(422, $"Validation failed: Description is too long (maximum is {Behaviour.DescriptionLimit} characters)");
        }

        var media = new FakeMastodonMedia(NextId(), account.Id, file.ContentType, file.Length, description.Length == 0 ? null : description)
        {
            PollsLeft = Behaviour.MediaProcessingPolls,
        };
        lock (_lock)
        {
            _media[media.Id] = media;
        }

        return Results.Json(MediaJson(media), statusCode: media.Processed ? 200 : 202);
    }

    private IResult GetMedia(FakeMastodonAccount account, string id)
    {
        lock (_lock)
        {
            if (!_media.TryGetValue(id, out var media) || media.AccountId != account.Id)
            {
                return Error(404, "Record not found");
            }

            if (media.PollsLeft > 0)
            {
                media.PollsLeft--;
                return Results.Json(PartialMediaJson(media), statusCode: 206);
            }

            return Results.Json(MediaJson(media));
        }
    }

    /// <summary>A media still processing: no <c>url</c> yet (the poll that answered 206 may be the last one).</summary>
    private Dictionary<string, object?> PartialMediaJson(FakeMastodonMedia media)
    {
        var json = MediaJson(media);
        json["url"] = null;
        return json;
    }

    private Dictionary<string, object?> MediaJson(FakeMastodonMedia media) => new()
    {
        ["id"] = media.Id,
        ["type"] = "image",
        ["url"] = media.Processed ? new Uri(BaseAddress, $"system/media_attachments/files/{media.Id}/original/photo").AbsoluteUri : null,
        ["preview_url"] = new Uri(BaseAddress, $"system/media_attachments/files/{media.Id}/small/photo").AbsoluteUri,
        ["description"] = media.Description,
    };
}
