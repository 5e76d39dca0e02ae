using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Nodes;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Networks.Bluesky;
using PoliceFeeds.Core.Photos;

namespace PoliceFeeds.Infrastructure.Networks.Bluesky;

/// <summary>A post's strong reference (<c>com.atproto.repo.strongRef</c>): its AT URI and content id.</summary>
public sealed record BlueskyPostRef(string Uri, string Cid);

/// <summary>
/// The <c>app.bsky.feed.post</c> record of a message: text, <c>createdAt</c>, <c>langs: ["fr"]</c>, the facets the
/// official app would detect, the photos as <c>app.bsky.embed.images</c> (alt text, aspect ratio from the image's own
/// headers), and the reply's root and parent.
/// </summary>
public static class BlueskyPostRecord
{
    /// <summary>The <c>maxSize</c> of <c>app.bsky.embed.images#image</c> in the lexicons of @atproto/api 0.21.0 and @atproto/pds 0.5.35.</summary>
    public const int MaxImageBytes = 2_000_000;

    /// <summary>The <c>maxLength</c> of <c>app.bsky.embed.images#images</c>.</summary>
    public const int MaxImages = 4;

    public static JsonObject Build(string text, DateTime createdAtUtc, IReadOnlyList<(MessagePhoto Photo, JsonObject Blob)> images, (BlueskyPostRef Root, BlueskyPostRef Parent)? reply)
    {
        var record = new JsonObject
        {
            ["$type"] = BlueskyClient.PostCollection,
            ["text"] = text,
            ["createdAt"] = createdAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["langs"] = new JsonArray("fr"),
        };
        var facets = BlueskyFacets.Detect(text);
        if (facets.Count > 0)
        {
            record["facets"] = new JsonArray(facets.Select(Facet).ToArray<JsonNode?>());
        }

        if (images.Count > 0)
        {
            record["embed"] = new JsonObject
            {
                ["$type"] = "app.bsky.embed.images",
                ["images"] = new JsonArray(images.Select(i => Image(i.Photo, i.Blob)).ToArray<JsonNode?>()),
            };
        }

        if (reply is var (root, parent))
        {
            record["reply"] = new JsonObject { ["root"] = Ref(root), ["parent"] = Ref(parent) };
        }

        return record;
    }

    /// <summary>The thread's root of a post being replied to: its own <c>reply.root</c>, or the post itself.</summary>
    public static BlueskyPostRef RootOf(BlueskyRecord parent) =>
        parent.Value["reply"]?["root"] is JsonObject root && root["uri"]?.GetValue<string>() is { } uri && root["cid"]?.GetValue<string>() is { } cid
            ? new BlueskyPostRef(uri, cid)
            : new BlueskyPostRef(parent.Uri, parent.Cid);

    /// <summary>The AT URI of a post of <paramref name="did"/> at <paramref name="rkey"/>.</summary>
    public static string Uri(string did, string rkey) => $"at://{did}/{BlueskyClient.PostCollection}/{rkey}";

    /// <summary>
    /// The repository and record key of a post id: an AT URI of a post (what PoliceFeeds stores), or a bare record key
    /// in <paramref name="accountDid"/>'s repository.
    /// </summary>
    public static bool TryParsePostId(string postId, string accountDid, [NotNullWhen(true)] out string? did, [NotNullWhen(true)] out string? rkey)
    {
        did = rkey = null;
        if (!postId.StartsWith("at://", StringComparison.Ordinal))
        {
            if (!Tid.IsValid(postId))
            {
                return false;
            }

            (did, rkey) = (accountDid, postId);
            return true;
        }

        var parts = postId["at://".Length..].Split('/');
        if (parts is not [var repo, BlueskyClient.PostCollection, var key] || !repo.StartsWith("did:", StringComparison.Ordinal) || key.Length == 0)
        {
            return false;
        }

        (did, rkey) = (repo, key);
        return true;
    }

    private static JsonObject Facet(BlueskyFacet facet) => new()
    {
        ["index"] = new JsonObject { ["byteStart"] = facet.ByteStart, ["byteEnd"] = facet.ByteEnd },
        ["features"] = new JsonArray(facet.Kind == BlueskyFacetKind.Link
            ? new JsonObject { ["$type"] = "app.bsky.richtext.facet#link", ["uri"] = facet.Value }
            : new JsonObject { ["$type"] = "app.bsky.richtext.facet#tag", ["tag"] = facet.Value }),
    };

    private static JsonObject Image(MessagePhoto photo, JsonObject blob)
    {
        var image = new JsonObject { ["image"] = blob.DeepClone(), ["alt"] = photo.AltText };
        if (ImageDimensions.Read(photo.Content, photo.ContentType) is var (width, height) && width >= 1 && height >= 1)
        {
            image["aspectRatio"] = new JsonObject { ["width"] = width, ["height"] = height };
        }

        return image;
    }

    private static JsonObject Ref(BlueskyPostRef post) => new() { ["uri"] = post.Uri, ["cid"] = post.Cid };
}
