using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PoliceFeeds.Core.Networks.Mastodon;

namespace PoliceFeeds.FakeMastodon;

/// <summary>Statuses: create (idempotency, validation), delete, the account's statuses with paging, source.</summary>
public sealed partial class FakeMastodonServer
{
    private async Task<IResult> CreateStatusAsync(HttpContext context, FakeMastodonAccount account)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var json = body.RootElement;
        var text = json.TryGetProperty("status", out var s) ? s.GetString() ?? "" : "";
        var mediaIds = json.TryGetProperty("media_ids", out var m) ? m.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
        var inReplyTo = json.TryGetProperty("in_reply_to_id", out var r) ? r.GetString() : null;
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var slot = $"{account.Id}:{key}";
        var honoured = Behaviour.HonourIdempotencyKey && key.Length > 0;
        lock (_lock)
        {
            if (honoured)
            {
                // PostStatusService#with_idempotency: a lock per account and key (a concurrent repeat cannot take it: 503),
                // then the status already created under the key, kept an hour.
                if (!_idempotencyInFlight.Add(slot))
                {
                    return Error(503, "There was a temporary problem serving your request, please try again");
                }

                if (_idempotency.TryGetValue(slot, out var earlier) && Now - earlier.At < Behaviour.IdempotencyWindow)
                {
                    _idempotencyInFlight.Remove(slot);
                    var existing = _statuses.FirstOrDefault(x => x.Id == earlier.StatusId);
                    return existing is null ? Error(404, "Record not found") : Results.Json(StatusJson(existing));
                }
            }
        }

        try
        {
            lock (_lock)
            {
                var refusal = ValidateStatus(account, text, mediaIds, inReplyTo);
                if (refusal is not null)
                {
                    return refusal;
                }

                var media = mediaIds.Select(id => _media[id]).ToList();
                var status = new FakeMastodonStatus(NextId(), account, text, FakeMastodonHtml.Render(text, BaseAddress, KnownAccounts()), Now, media, inReplyTo, "PoliceFeeds")
                {
                    Language = json.TryGetProperty("language", out var l) ? l.GetString() : null,
                    Visibility = json.TryGetProperty("visibility", out var v) ? v.GetString() : "public",
                    IdempotencyKey = key.Length > 0 ? key : null,
                };
                foreach (var attached in media)
                {
                    attached.StatusId = status.Id;
                }

                _statuses.Add(status);
                if (honoured)
                {
                    _idempotency[slot] = (status.Id, Now);
                }

                return Results.Json(StatusJson(status));
            }
        }
        finally
        {
            if (honoured)
            {
                lock (_lock)
                {
                    _idempotencyInFlight.Remove(slot);
                }
            }
        }
    }

    /// <summary>Mastodon's refusals of a create, with its texts (<c>PostStatusService</c>, <c>StatusLengthValidator</c>).</summary>
    private IResult? ValidateStatus(FakeMastodonAccount account, string text, List<string> mediaIds, string? inReplyTo)
    {
        if (inReplyTo is not null && !_statuses.Any(x => x.Id == inReplyTo))
        {
            return Error(404, "The post you are trying to reply to does not appear to exist.");
        }

        if (mediaIds.Count > 4)
        {
            return Error(422, "Cannot attach more than 4 files");
        }

        var unknown = mediaIds.Where(id => !_media.TryGetValue(id, out var media) || media.AccountId != account.Id || media.StatusId is not null).ToList();
        if (unknown.Count > 0)
        {
            return Error(422, $"Media IDs not found: {string.Join(", ", unknown)}");
        }

        if (mediaIds.Any(id => !_media[id].Processed))
        {
            return Error(422, "Cannot attach files that have not finished processing. Try again in a moment!");
        }

        if (string.IsNullOrWhiteSpace(text) && mediaIds.Count == 0)
        {
            return Error(422, "Validation failed: Text can't be blank");
        }

        var max = Behaviour.EnforcedMaxCharacters ?? Behaviour.MaxCharacters;
        return MastodonStatusLength.Check(text, new MastodonLimits(MaxCharacters: max)).IsValid
            ? null
            : Error(422, $"Validation failed: Text character limit of {max} exceeded");
    }

    private IResult DeleteStatus(FakeMastodonAccount account, string id)
    {
        lock (_lock)
        {
            var status = _statuses.FirstOrDefault(x => x.Id == id && x.Account == account);
            if (status is null)
            {
                return Error(404, "Record not found");
            }

            _statuses.Remove(status);
            var json = StatusJson(status);
            json["text"] = status.Text;
            return Results.Json(json);
        }
    }

    /// <summary>A public status, whoever asks (<c>GET /api/v1/statuses/:id</c>); 404 once deleted.</summary>
    private IResult GetStatus(string id)
    {
        lock (_lock)
        {
            return _statuses.FirstOrDefault(x => x.Id == id) is { } status ? Results.Json(StatusJson(status)) : Error(404, "Record not found");
        }
    }

    private IResult Source(FakeMastodonAccount account, string id)
    {
        lock (_lock)
        {
            var status = _statuses.FirstOrDefault(x => x.Id == id && x.Account == account);
            return !Behaviour.SourceEndpoint || status is null
                ? Error(404, "Record not found")
                : Results.Json(new { id = status.Id, text = status.Text, spoiler_text = "" });
        }
    }

    /// <summary>Newest first; <c>limit</c> (20, at most 40), <c>max_id</c> exclusive; <c>Link</c> to the next and previous pages.</summary>
    private IResult AccountStatuses(HttpContext context, string accountId)
    {
        var query = context.Request.Query;
        var limit = Math.Clamp(int.TryParse(query["limit"], out var l) ? l : 20, 1, 40);
        long? maxId = long.TryParse(query["max_id"], out var max) ? max : null;
        List<FakeMastodonStatus> page;
        lock (_lock)
        {
            page = _statuses.Where(x => x.Account.Id == accountId && (maxId is null || long.Parse(x.Id, CultureInfo.InvariantCulture) < maxId))
                .OrderByDescending(x => long.Parse(x.Id, CultureInfo.InvariantCulture))
                .Take(limit)
                .ToList();
        }

        if (page.Count > 0)
        {
            var path = new Uri(BaseAddress, $"api/v1/accounts/{accountId}/statuses").AbsoluteUri;
            context.Response.Headers["Link"] = $"<{path}?limit={limit}&exclude_reblogs=true&max_id={page[^1].Id}>; rel=\"next\", <{path}?limit={limit}&exclude_reblogs=true&min_id={page[0].Id}>; rel=\"prev\"";
        }

        return Results.Json(page.Select(StatusJson));
    }

    private Dictionary<string, object?> StatusJson(FakeMastodonStatus status) => new()
    {
        ["id"] = status.Id,
        ["created_at"] = status.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["in_reply_to_id"] = status.InReplyToId,
        ["sensitive"] = false,
        ["spoiler_text"] = "",
        ["visibility"] = status.Visibility ?? "public",
        ["language"] = status.Language,
        ["uri"] = new Uri(BaseAddress, $"users/{status.Account.Username}/statuses/{status.Id}").AbsoluteUri,
        ["url"] = new Uri(BaseAddress, $"@{status.Account.Username}/{status.Id}").AbsoluteUri,
        ["replies_count"] = status.Replies,
        ["reblogs_count"] = status.Reblogs,
        ["favourites_count"] = status.Favourites,
        ["content"] = status.Content,
        ["application"] = new { name = status.Application, website = (string?)null },
        ["account"] = AccountJson(status.Account),
        ["media_attachments"] = status.Media.Select(MediaJson).ToList(),
        ["mentions"] = Array.Empty<object>(),
        ["tags"] = Array.Empty<object>(),
        ["emojis"] = Array.Empty<object>(),
    };

    private Dictionary<string, object?> AccountJson(FakeMastodonAccount account) => new()
    {
        ["id"] = account.Id,
        ["username"] = account.Username,
        ["acct"] = account.Username,
        ["display_name"] = account.Username,
        ["url"] = new Uri(BaseAddress, "@" + account.Username).AbsoluteUri,
    };
}
