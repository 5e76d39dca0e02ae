using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Networks.Mastodon;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Infrastructure.Networks.Mastodon;

/// <summary>
/// The typed client of Mastodon's REST API, for any instance (the instance is in every call). Every answer becomes a
/// <see cref="MastodonCall{T}"/>; nothing throws for an HTTP error. Tokens are never logged.
/// </summary>
public sealed partial class MastodonClient(HttpClient http, IOptions<MastodonOptions> options, MastodonInstanceCache instances, TimeProvider timeProvider, ILogger<MastodonClient> logger)
{
    private const int PageSize = 40;

    private MastodonOptions Options => options.Value;

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>The instance's limits, read once per <see cref="MastodonOptions.InstanceCacheDuration"/> (no token needed).</summary>
    public async Task<MastodonCall<MastodonLimits>> GetInstanceLimitsAsync(Uri instance, CancellationToken cancellationToken)
    {
        if (instances.TryGet(instance, Now) is { } cached)
        {
            return MastodonCall<MastodonLimits>.Ok(cached);
        }

        var read = await SendAsync(instance, null, HttpMethod.Get, "api/v2/instance", null, MastodonEffect.None, null, (json, _) =>
        {
            var configuration = json["configuration"];
            var statuses = configuration?["statuses"];
            var media = configuration?["media_attachments"];
            return new MastodonLimits(
                Int(statuses?["max_characters"]) ?? MastodonLimits.DefaultMaxCharacters,
                Int(statuses?["characters_reserved_per_url"]) ?? MastodonLimits.DefaultCharactersReservedPerUrl,
                Int(media?["description_limit"]) ?? MastodonLimits.DefaultDescriptionLimit,
                Int(statuses?["max_media_attachments"]) ?? MastodonLimits.DefaultMaxMediaAttachments,
                media?["image_size_limit"] is JsonValue size && size.TryGetValue<long>(out var bytes) ? bytes : null);
        }, cancellationToken);
        if (read.Value is { } limits)
        {
            instances.Set(instance, limits, Now + Options.InstanceCacheDuration);
        }

        return read;
    }

    public Task<MastodonCall<MastodonAccountInfo>> VerifyCredentialsAsync(MastodonAuth auth, CancellationToken cancellationToken) =>
        SendAsync(auth.Instance, auth, HttpMethod.Get, "api/v1/accounts/verify_credentials", null, MastodonEffect.None, null, (json, _) => Account(json), cancellationToken);

    /// <summary>
    /// Uploads a photo with its description and waits, within <see cref="MastodonOptions.MediaProcessingTimeout"/>, until
    /// the instance has processed it (202 then 206 while processing, 200 when ready). Returns the media id. A media that
    /// never finishes comes back as not sent: no status was created, and the next attempt uploads again.
    /// </summary>
    public async Task<MastodonCall<string>> UploadMediaAsync(MastodonAuth auth, MastodonMediaUpload upload, CancellationToken cancellationToken)
    {
        var uploaded = await SendAsync(auth.Instance, auth, HttpMethod.Post, "api/v2/media", () =>
        {
            var form = new MultipartFormDataContent();
            var file = new ReadOnlyMemoryContent(upload.Content);
            file.Headers.ContentType = new MediaTypeHeaderValue(upload.ContentType);
            form.Add(file, "file", "photo" + Extension(upload.ContentType));
            form.Add(new StringContent(upload.Description), "description");
            return form;
        }, MastodonEffect.None, null, (json, response) => (Id: Text(json["id"]) ?? throw new FormatException("no id"), Ready: response.StatusCode == HttpStatusCode.OK && json["url"] is JsonValue), cancellationToken);
        if (!uploaded.Succeeded)
        {
            return MastodonCall<string>.Failed(uploaded.Failure!);
        }

        var media = uploaded.Value;

        var deadline = Now + Options.MediaProcessingTimeout;
        var ready = media.Ready;
        while (!ready)
        {
            if (Now >= deadline)
            {
                logger.LogWarning("Mastodon media {MediaId} still processing after {Timeout}", media.Id, Options.MediaProcessingTimeout);
                return MastodonCall<string>.Failed(new ChannelOutcome.NotSent($"photo toujours en traitement sur l'instance après {Options.MediaProcessingTimeout.TotalSeconds:0} s"));
            }

            await Task.Delay(Options.MediaPollInterval, timeProvider, cancellationToken);
            var polled = await SendAsync(auth.Instance, auth, HttpMethod.Get, $"api/v1/media/{Uri.EscapeDataString(media.Id)}", null, MastodonEffect.None, null,
                (json, response) => response.StatusCode == HttpStatusCode.OK && json["url"] is JsonValue, cancellationToken);
            if (!polled.Succeeded)
            {
                return MastodonCall<string>.Failed(polled.Failure!);
            }

            ready = polled.Value;
        }

        return MastodonCall<string>.Ok(media.Id);
    }

    /// <summary>
    /// Creates a public status in French. <paramref name="idempotencyKey"/> is the delivery's key, the same on every
    /// retry: within the hour Mastodon keeps it, a repeat returns the status already created instead of a second one.
    /// </summary>
    public Task<MastodonCall<MastodonStatus>> CreateStatusAsync(MastodonAuth auth, MastodonNewStatus status, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        var body = new JsonObject
        {
            ["status"] = status.Text,
            ["visibility"] = status.Visibility,
            ["language"] = status.Language,
        };
        if (status.MediaIds.Count > 0)
        {
            body["media_ids"] = new JsonArray(status.MediaIds.Select(id => (JsonNode)JsonValue.Create(id)).ToArray());
        }

        if (status.InReplyToId is not null)
        {
            body["in_reply_to_id"] = status.InReplyToId;
        }

        return SendAsync(auth.Instance, auth, HttpMethod.Post, "api/v1/statuses", () => new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            MastodonEffect.Acts, idempotencyKey, (json, _) => Status(json), cancellationToken);
    }

    /// <summary>Deletes a status; one the instance no longer has (404) counts as deleted.</summary>
    public async Task<MastodonCall<bool>> DeleteStatusAsync(MastodonAuth auth, string statusId, CancellationToken cancellationToken)
    {
        var deleted = await SendAsync(auth.Instance, auth, HttpMethod.Delete, $"api/v1/statuses/{Uri.EscapeDataString(statusId)}", null, MastodonEffect.Acts, null, (_, _) => true, cancellationToken);
        return deleted.Failure is ChannelOutcome.Rejected(404, _) ? MastodonCall<bool>.Ok(true) : deleted;
    }

    /// <summary>A status's public counts (<c>GET /api/v1/statuses/:id</c>): favourites, reblogs, replies.</summary>
    public Task<MastodonCall<MastodonStatusCounts>> GetStatusCountsAsync(MastodonAuth auth, string statusId, CancellationToken cancellationToken) =>
        SendAsync(auth.Instance, auth, HttpMethod.Get, $"api/v1/statuses/{Uri.EscapeDataString(statusId)}", null, MastodonEffect.None, null,
            (json, _) => new MastodonStatusCounts(Text(json["id"]) ?? throw new FormatException("no id"), Int(json["favourites_count"]) ?? 0, Int(json["reblogs_count"]) ?? 0, Int(json["replies_count"]) ?? 0),
            cancellationToken);

    /// <summary>The text of a status as it was sent (<c>GET /api/v1/statuses/:id/source</c>, Mastodon 3.5+).</summary>
    public Task<MastodonCall<string>> GetStatusSourceAsync(MastodonAuth auth, string statusId, CancellationToken cancellationToken) =>
        SendAsync(auth.Instance, auth, HttpMethod.Get, $"api/v1/statuses/{Uri.EscapeDataString(statusId)}/source", null, MastodonEffect.None, null,
            (json, _) => Text(json["text"]) ?? throw new FormatException("no text"), cancellationToken);

    /// <summary>
    /// The account's own statuses (reblogs excluded) created since <paramref name="sinceUtc"/>, newest first, paging back
    /// with <c>max_id</c> (the <c>Link</c> header's next page when it stays on the instance). Complete when the read
    /// reached a status older than <paramref name="sinceUtc"/> or the end of the timeline; not complete when it stopped
    /// at <see cref="MastodonOptions.MaxTimelinePages"/>.
    /// </summary>
    public async Task<MastodonCall<MastodonTimeline>> GetStatusesSinceAsync(MastodonAuth auth, string accountId, DateTime sinceUtc, CancellationToken cancellationToken)
    {
        var found = new List<MastodonStatus>();
        string next = $"api/v1/accounts/{Uri.EscapeDataString(accountId)}/statuses?limit={PageSize}&exclude_reblogs=true";
        for (var page = 0; page < Options.MaxTimelinePages; page++)
        {
            var read = await SendAsync(auth.Instance, auth, HttpMethod.Get, next, null, MastodonEffect.None, null,
                (json, response) => (Statuses: json.AsArray().Select(s => Status(s!)).ToList(), Next: MastodonLinks.Next(response)), cancellationToken);
            if (!read.Succeeded)
            {
                return MastodonCall<MastodonTimeline>.Failed(read.Failure!);
            }

            var answer = read.Value;

            var statuses = answer.Statuses;

            found.AddRange(statuses.Where(s => s.CreatedAtUtc >= sinceUtc));
            if (statuses.Count == 0 || statuses.Any(s => s.CreatedAtUtc < sinceUtc))
            {
                return MastodonCall<MastodonTimeline>.Ok(new MastodonTimeline(found, Complete: true));
            }

            next = MastodonLinks.SameInstance(auth.Instance, answer.Next)
                ?? $"api/v1/accounts/{Uri.EscapeDataString(accountId)}/statuses?limit={PageSize}&exclude_reblogs=true&max_id={Uri.EscapeDataString(statuses[^1].Id)}";
        }

        return MastodonCall<MastodonTimeline>.Ok(new MastodonTimeline(found, Complete: false));
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? Int(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    private static MastodonAccountInfo Account(JsonNode json) =>
        new(Text(json["id"]) ?? throw new FormatException("no id"), Text(json["username"]) ?? "", Text(json["acct"]) ?? "", Text(json["url"]));

    private static MastodonStatus Status(JsonNode json) => new(
        Text(json["id"]) ?? throw new FormatException("no id"),
        DateTimeOffset.Parse(Text(json["created_at"]) ?? throw new FormatException("no created_at"), CultureInfo.InvariantCulture).UtcDateTime,
        Text(json["url"]),
        Text(json["content"]) ?? "",
        json["media_attachments"] is JsonArray media ? media.Count : 0,
        Text(json["application"]?["name"]),
        Text(json["in_reply_to_id"]));

    private static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        _ => "",
    };
}
