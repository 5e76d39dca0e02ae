using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeMastodon;

namespace PoliceFeeds.IntegrationTests.Networks.Mastodon;

/// <summary>Publishing, replying and deleting through the Mastodon channel against the fake instance.</summary>
public sealed class MastodonChannelTests
{
    [Fact]
    public async Task A_text_with_a_link_and_a_hashtag_is_posted_public_in_French_under_the_delivery_s_key()
    {
        await using var network = await MastodonNetwork.StartAsync();
        var (account, _, _) = await network.ConnectAsync();
        var post = MastodonNetwork.Post("Contrôle routier ce soir, détails : https://www.interieur.gouv.fr/actualites/communiques-de-presse/controle #Nantes");

        var outcome = await network.WithChannelAsync(c => c.PublishAsync(account, post, CancellationToken.None));

        var done = Assert.IsType<ChannelOutcome.Done>(outcome);
        var status = Assert.Single(network.Server.Statuses);
        Assert.Equal(status.Id, done.PostId);
        Assert.Equal($"{network.Server.BaseAddress}@PoliceNat44/{status.Id}", done.PostUrl);
        Assert.Equal(("fr", "public", post.ClientKey), (status.Language, status.Visibility, status.IdempotencyKey));
        Assert.Contains("<span class=\"invisible\">https://www.</span>", status.Content, StringComparison.Ordinal);
        Assert.Contains("class=\"mention hashtag\" rel=\"tag\">#<span>Nantes</span></a>", status.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photos_go_with_their_descriptions_once_the_instance_has_processed_them()
    {
        await using var network = await MastodonNetwork.StartAsync();
        network.Server.Behaviour.MediaProcessingPolls = 2;
        var (account, _, _) = await network.ConnectAsync();
        var post = MastodonNetwork.Post("Avis de recherche", photos: [MastodonNetwork.Photo("Portrait de face"), MastodonNetwork.Photo("Vêtements portés")]);

        var outcome = await network.WithChannelAsync(c => c.PublishAsync(account, post, CancellationToken.None));

        Assert.IsType<ChannelOutcome.Done>(outcome);
        var status = Assert.Single(network.Server.Statuses);
        Assert.Equal(["Portrait de face", "Vêtements portés"], status.Media.Select(m => m.Description));
        Assert.Equal(6, network.Server.RequestCount(FakeMastodonEndpoint.GetMedia)); // 206, 206, then 200 for each
    }

    [Fact]
    public async Task A_photo_that_never_finishes_processing_posts_nothing_and_says_so()
    {
        await using var network = await MastodonNetwork.StartAsync();
        network.Server.Behaviour.MediaProcessingPolls = 100_000;
        var (account, _, _) = await network.ConnectAsync();

        var outcome = await network.WithChannelAsync(c => c.PublishAsync(account, MastodonNetwork.Post("Avis", photos: [MastodonNetwork.Photo("Photo")]), CancellationToken.None));

        Assert.Contains("traitement", Assert.IsType<ChannelOutcome.NotSent>(outcome).Detail, StringComparison.Ordinal);
        Assert.Empty(network.Server.Statuses);
        Assert.Equal(0, network.Server.RequestCount(FakeMastodonEndpoint.CreateStatus));
    }

    [Fact]
    public async Task A_follow_up_is_a_reply_to_its_original()
    {
        await using var network = await MastodonNetwork.StartAsync();
        var (account, _, _) = await network.ConnectAsync();
        var original = Assert.IsType<ChannelOutcome.Done>(await network.WithChannelAsync(c => c.PublishAsync(account, MastodonNetwork.Post("Disparition inquiétante"), CancellationToken.None)));

        var reply = await network.WithChannelAsync(c => c.PublishAsync(account, MastodonNetwork.Post("Personne retrouvée, merci", replyTo: original.PostId), CancellationToken.None));

        var done = Assert.IsType<ChannelOutcome.Done>(reply);
        Assert.Equal(original.PostId, network.Server.Statuses.Single(s => s.Id == done.PostId).InReplyToId);
    }

    [Fact]
    public async Task A_deleted_status_is_gone_and_deleting_it_again_is_done_too()
    {
        await using var network = await MastodonNetwork.StartAsync();
        var (account, _, _) = await network.ConnectAsync();
        var done = Assert.IsType<ChannelOutcome.Done>(await network.WithChannelAsync(c => c.PublishAsync(account, MastodonNetwork.Post("À retirer"), CancellationToken.None)));

        Assert.IsType<ChannelOutcome.Done>(await network.WithChannelAsync(c => c.DeleteAsync(account, done.PostId!, CancellationToken.None)));
        Assert.Empty(network.Server.Statuses);
        Assert.IsType<ChannelOutcome.Done>(await network.WithChannelAsync(c => c.DeleteAsync(account, done.PostId!, CancellationToken.None)));
        Assert.Equal(2, network.Server.RequestCount(FakeMastodonEndpoint.DeleteStatus));
    }

    [Fact]
    public async Task A_delivery_without_its_key_is_refused_before_anything_is_sent()
    {
        await using var network = await MastodonNetwork.StartAsync();
        var (account, _, _) = await network.ConnectAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => network.WithChannelAsync(c => c.PublishAsync(account, MastodonNetwork.Post("Sans clé") with { ClientKey = null }, CancellationToken.None)));
        Assert.Equal(0, network.Server.RequestCount(FakeMastodonEndpoint.CreateStatus));
    }

    [Fact]
    public async Task Credentials_are_checked_with_verify_credentials()
    {
        await using var network = await MastodonNetwork.StartAsync();
        var (account, _, _) = await network.ConnectAsync();

        Assert.IsType<ChannelOutcome.Done>(await network.WithChannelAsync(c => c.CheckCredentialsAsync(account, CancellationToken.None)));
        Assert.Equal(1, network.Server.RequestCount(FakeMastodonEndpoint.VerifyCredentials));
    }
}
