using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Networks.Bluesky;
using PoliceFeeds.Infrastructure.Publishing.Channels;
using PoliceFeeds.UnitTests.Photos;
using SkiaSharp;

namespace PoliceFeeds.IntegrationTests.Networks.Bluesky;

/// <summary>Publishing to a real PDS on loopback: the records as the PDS stores them, read back with getRecord.</summary>
[Collection(BlueskyPdsCollection.Name)]
public sealed class BlueskyPublishingTests(BlueskyPdsFixture pds, BlueskyApp app) : IClassFixture<BlueskyApp>
{
    [Fact]
    public async Task A_text_with_a_link_and_hashtags_lands_with_its_facets_at_the_right_utf8_bytes()
    {
        var remote = await pds.CreateAccountAsync("dipn44");
        var account = await app.ConnectAsync(pds, remote);
        const string text = "🚨 Appel à témoins 👮‍♀️ : déviation rue de l’Église, détails https://www.service-public.fr/particuliers/vosdroits. #Sécurité #Nantes44";
        var key = app.NewClientKey();
        await using var scope = app.Factory.CreateScope();

        var outcome = await BlueskyApp.RegisteredChannel(scope).PublishAsync(account, BlueskyApp.Post(text, key), CancellationToken.None);

        var done = Assert.IsType<ChannelOutcome.Done>(outcome);
        Assert.Equal($"at://{remote.Did}/app.bsky.feed.post/{key}", done.PostId);
        Assert.Equal($"https://bsky.app/profile/{remote.Handle}/post/{key}", done.PostUrl);
        var record = (await pds.GetRecordAsync(remote.Did, key))!["value"]!;
        Assert.Equal(text, record["text"]!.GetValue<string>());
        Assert.Equal("fr", record["langs"]![0]!.GetValue<string>());
        var bytes = Encoding.UTF8.GetBytes(text);
        var facets = record["facets"]!.AsArray().Select(f => (
            Slice: Encoding.UTF8.GetString(bytes, f!["index"]!["byteStart"]!.GetValue<int>(), f["index"]!["byteEnd"]!.GetValue<int>() - f["index"]!["byteStart"]!.GetValue<int>()),
            Type: f["features"]![0]!["$type"]!.GetValue<string>(),
            Value: f["features"]![0]!["uri"]?.GetValue<string>() ?? f["features"]![0]!["tag"]!.GetValue<string>())).ToList();
        Assert.Equal(
            [
                ("https://www.service-public.fr/particuliers/vosdroits", "app.bsky.richtext.facet#link", "https://www.service-public.fr/particuliers/vosdroits"),
                ("#Sécurité", "app.bsky.richtext.facet#tag", "Sécurité"),
                ("#Nantes44", "app.bsky.richtext.facet#tag", "Nantes44"),
            ],
            facets);
    }

    [Fact]
    public async Task Photos_go_up_as_blobs_with_their_alt_text_and_aspect_ratio()
    {
        var remote = await pds.CreateAccountAsync("dipn35");
        var account = await app.ConnectAsync(pds, remote);
        using var wide = TestImages.Picture(640, 360);
        using var tall = TestImages.Picture(300, 500);
        var photos = new List<MessagePhoto>
        {
            Photo(0, TestImages.Encode(wide, SKEncodedImageFormat.Jpeg), "image/jpeg", "Véhicule recherché, une Clio grise"),
            Photo(1, TestImages.Encode(tall, SKEncodedImageFormat.Png), "image/png", "Portrait de la personne disparue"),
        };
        var key = app.NewClientKey();
        await using var scope = app.Factory.CreateScope();

        var outcome = await BlueskyApp.RegisteredChannel(scope).PublishAsync(account, BlueskyApp.Post("Appel à témoins", key, photos), CancellationToken.None);

        Assert.IsType<ChannelOutcome.Done>(outcome);
        var embed = (await pds.GetRecordAsync(remote.Did, key))!["value"]!["embed"]!;
        Assert.Equal("app.bsky.embed.images", embed["$type"]!.GetValue<string>());
        var images = embed["images"]!.AsArray();
        Assert.Equal(2, images.Count);
        Assert.Equal("Véhicule recherché, une Clio grise", images[0]!["alt"]!.GetValue<string>());
        Assert.Equal((640, 360), (images[0]!["aspectRatio"]!["width"]!.GetValue<int>(), images[0]!["aspectRatio"]!["height"]!.GetValue<int>()));
        Assert.Equal((300, 500), (images[1]!["aspectRatio"]!["width"]!.GetValue<int>(), images[1]!["aspectRatio"]!["height"]!.GetValue<int>()));
        Assert.Equal("image/png", images[1]!["image"]!["mimeType"]!.GetValue<string>());

        // The blob is stored on the PDS, byte for byte.
        var cid = images[1]!["image"]!["ref"]!["$link"]!.GetValue<string>();
        var blob = await pds.Http.GetByteArrayAsync(new Uri(pds.Url, $"xrpc/com.atproto.sync.getBlob?did={remote.Did}&cid={cid}"));
        Assert.Equal(photos[1].Content, blob);
    }

    [Fact]
    public async Task A_too_large_photo_is_refused_before_anything_is_uploaded()
    {
        var remote = await pds.CreateAccountAsync("dipn62");
        var account = await app.ConnectAsync(pds, remote);
        using var picture = TestImages.Picture(10, 10);
        var png = TestImages.Encode(picture, SKEncodedImageFormat.Png);
        var heavy = new byte[BlueskyPostRecord.MaxImageBytes + 1];
        png.CopyTo(heavy, 0);
        using var network = new FaultyNetwork();
        await using var scope = app.Factory.CreateScope();

        var outcome = await app.ChannelThrough(scope, network).PublishAsync(
            account, BlueskyApp.Post("Trop lourde", app.NewClientKey(), [Photo(0, heavy, "image/png", "Photo")]), CancellationToken.None);

        var rejected = Assert.IsType<ChannelOutcome.Rejected>(outcome);
        Assert.Equal(413, rejected.StatusCode);
        Assert.Contains("2 000 000", rejected.Detail.Replace('\u202F', ' ').Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.Empty(network.Calls);
        Assert.Empty(await pds.ListRecordsAsync(remote.Did));
    }

    [Fact]
    public async Task A_follow_up_replies_with_the_thread_root_and_its_parent()
    {
        var remote = await pds.CreateAccountAsync("dipn67");
        var account = await app.ConnectAsync(pds, remote);
        await using var scope = app.Factory.CreateScope();
        var channel = BlueskyApp.RegisteredChannel(scope);

        var first = Assert.IsType<ChannelOutcome.Done>(await channel.PublishAsync(account, BlueskyApp.Post("Déviation en place", app.NewClientKey()), CancellationToken.None));
        var second = Assert.IsType<ChannelOutcome.Done>(await channel.PublishAsync(account, BlueskyApp.Post("Toujours en place", app.NewClientKey(), replyTo: first.PostId), CancellationToken.None));
        var thirdKey = app.NewClientKey();
        Assert.IsType<ChannelOutcome.Done>(await channel.PublishAsync(account, BlueskyApp.Post("Fin de la déviation", thirdKey, replyTo: second.PostId), CancellationToken.None));

        var reply = (await pds.GetRecordAsync(remote.Did, thirdKey))!["value"]!["reply"]!;
        Assert.Equal(first.PostId, reply["root"]!["uri"]!.GetValue<string>());
        Assert.Equal(second.PostId, reply["parent"]!["uri"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(reply["root"]!["cid"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_deleted_post_is_gone_and_deleting_it_again_is_done()
    {
        var remote = await pds.CreateAccountAsync("dipn06");
        var account = await app.ConnectAsync(pds, remote);
        var key = app.NewClientKey();
        await using var scope = app.Factory.CreateScope();
        var channel = BlueskyApp.RegisteredChannel(scope);
        var posted = Assert.IsType<ChannelOutcome.Done>(await channel.PublishAsync(account, BlueskyApp.Post("Personne disparue", key), CancellationToken.None));

        Assert.IsType<ChannelOutcome.Done>(await channel.DeleteAsync(account, posted.PostId!, CancellationToken.None));
        Assert.Null(await pds.GetRecordAsync(remote.Did, key));
        Assert.IsType<ChannelOutcome.Done>(await channel.DeleteAsync(account, posted.PostId!, CancellationToken.None));
    }

    [Fact]
    public async Task The_registered_channel_checks_credentials_and_a_post_without_client_key_is_a_programming_error()
    {
        var remote = await pds.CreateAccountAsync("dipn29");
        var account = await app.ConnectAsync(pds, remote);
        await using var scope = app.Factory.CreateScope();
        var channel = BlueskyApp.RegisteredChannel(scope);

        Assert.IsType<BlueskyPublishingChannel>(channel);
        Assert.IsType<ChannelOutcome.Done>(await channel.CheckCredentialsAsync(account, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => channel.PublishAsync(account, new ChannelPost(1, "Sans clé", []), CancellationToken.None));
    }

    private static MessagePhoto Photo(int position, byte[] content, string contentType, string alt) =>
        new() { Position = position, Content = content, ContentType = contentType, AltText = alt, Length = content.Length };
}
