using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeMastodon;

namespace PoliceFeeds.IntegrationTests.Networks.Mastodon;

/// <summary>
/// Exactly once on Mastodon: an uncertain create (a 5xx after the status was saved, a dropped connection) is settled by
/// the same Idempotency-Key within the hour, and by the reconciliation's read of the account's statuses after it; with
/// the fake ignoring the key ("guard off"), the reconciliation alone still finds the status, so nothing is posted twice.
/// </summary>
public sealed class MastodonExactlyOnceTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_uncertain_create_comes_back_ambiguous(bool drop)
    {
        await using var network = await MastodonNetwork.StartAsync();
        var (account, _, _) = await network.ConnectAsync();
        network.Server.Faults.Enqueue(FakeMastodonEndpoint.CreateStatus, drop ? FakeMastodonFault.AcceptThenDrop() : FakeMastodonFault.AcceptThenAnswer(500));

        var outcome = await network.WithChannelAsync(c => c.PublishAsync(account, MastodonNetwork.Post("Fermeture de la route"), CancellationToken.None));

        Assert.IsType<ChannelOutcome.Ambiguous>(outcome);
        Assert.Single(network.Server.Statuses);
        Assert.Equal(1, network.Server.RequestCount(FakeMastodonEndpoint.CreateStatus)); // never retried in place
    }

    [Fact]
    public async Task A_retry_with_the_same_key_within_the_hour_gets_the_status_already_created()
    {
        await using var network = await MastodonNetwork.StartAsync();
        var (account, _, _) = await network.ConnectAsync();
        var post = MastodonNetwork.Post("Fermeture de la route");
        network.Server.Faults.Enqueue(FakeMastodonEndpoint.CreateStatus, FakeMastodonFault.AcceptThenAnswer(503));
        Assert.IsType<ChannelOutcome.Ambiguous>(await network.WithChannelAsync(c => c.PublishAsync(account, post, CancellationToken.None)));
        network.Factory.Clock.Advance(TimeSpan.FromMinutes(50));

        var again = await network.WithChannelAsync(c => c.PublishAsync(account, post, CancellationToken.None));

        var status = Assert.Single(network.Server.Statuses);
        Assert.Equal(status.Id, Assert.IsType<ChannelOutcome.Done>(again).PostId);
    }

    [Fact]
    public async Task After_the_hour_the_reconciliation_finds_the_status_and_nothing_is_posted_again()
    {
        await using var network = await MastodonNetwork.StartAsync();
        var (account, _, _) = await network.ConnectAsync();
        var post = MastodonNetwork.Post("Fermeture de la route https://www.bison-fute.gouv.fr #A11");
        var attempt = network.Factory.UtcNow;
        network.Server.Faults.Enqueue(FakeMastodonEndpoint.CreateStatus, FakeMastodonFault.AcceptThenAnswer(500));
        Assert.IsType<ChannelOutcome.Ambiguous>(await network.WithChannelAsync(c => c.PublishAsync(account, post, CancellationToken.None)));
        network.Factory.Clock.Advance(TimeSpan.FromMinutes(61));

        var reconciled = await network.ReconcileAsync(account, post, attempt);

        var status = Assert.Single(network.Server.Statuses);
        Assert.Equal(new PoliceFeeds.Infrastructure.Publishing.Reconciled.Found(status.Id, $"{network.Server.BaseAddress}@PoliceNat44/{status.Id}"), reconciled);
    }

    [Fact]
    public async Task After_the_hour_the_key_no_longer_protects_which_is_why_the_publisher_reconciles_first()
    {
        await using var network = await MastodonNetwork.StartAsync();
        var (account, _, _) = await network.ConnectAsync();
        var post = MastodonNetwork.Post("Fermeture de la route");
        network.Server.Faults.Enqueue(FakeMastodonEndpoint.CreateStatus, FakeMastodonFault.AcceptThenAnswer(500));
        await network.WithChannelAsync(c => c.PublishAsync(account, post, CancellationToken.None));
        network.Factory.Clock.Advance(TimeSpan.FromMinutes(61));

        await network.WithChannelAsync(c => c.PublishAsync(account, post, CancellationToken.None));

        Assert.Equal(2, network.Server.Statuses.Count); // Mastodon has no duplicate-text guard
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task With_the_key_ignored_the_reconciliation_alone_prevents_the_second_post(bool sourceEndpoint)
    {
        await using var network = await MastodonNetwork.StartAsync();
        network.Server.Behaviour.HonourIdempotencyKey = false;
        network.Server.Behaviour.SourceEndpoint = sourceEndpoint;
        var (account, remote, _) = await network.ConnectAsync();
        network.Server.AddStatus(remote, "Un autre message de l'agent, posté à la main", network.Factory.Now);
        var post = MastodonNetwork.Post("Accident sur l'A11 :\n\nvoie de gauche fermée, déviation par https://www.example.fr/deviation(nord) @PoliceNat44 #A11", photos: [MastodonNetwork.Photo("Carte")]);
        var attempt = network.Factory.UtcNow;
        network.Server.Faults.Enqueue(FakeMastodonEndpoint.CreateStatus, FakeMastodonFault.AcceptThenDrop());
        Assert.IsType<ChannelOutcome.Ambiguous>(await network.WithChannelAsync(c => c.PublishAsync(account, post, CancellationToken.None)));

        var reconciled = await network.ReconcileAsync(account, post, attempt);

        var ours = network.Server.Statuses.Single(s => s.Application == "PoliceFeeds");
        Assert.Equal(ours.Id, Assert.IsType<PoliceFeeds.Infrastructure.Publishing.Reconciled.Found>(reconciled).PostId);
        Assert.Equal(1, network.Server.RequestCount(FakeMastodonEndpoint.CreateStatus));
    }

    [Fact]
    public async Task A_status_with_another_text_or_other_photos_is_not_taken_for_ours()
    {
        await using var network = await MastodonNetwork.StartAsync();
        var (account, _, _) = await network.ConnectAsync();
        var since = network.Factory.UtcNow;
        await network.WithChannelAsync(c => c.PublishAsync(account, MastodonNetwork.Post("Texte A", photos: [MastodonNetwork.Photo("x")]), CancellationToken.None));

        var read = await network.WithChannelAsync(c => c.FindRecentPostsAsync(account, since, CancellationToken.None));

        var posted = Assert.Single(read.Posts!);
        Assert.True(posted.IsCopyOf(MastodonNetwork.Post("Texte A", photos: [MastodonNetwork.Photo("y")])));
        Assert.False(posted.IsCopyOf(MastodonNetwork.Post("Texte A")));
        Assert.False(posted.IsCopyOf(MastodonNetwork.Post("Texte B", photos: [MastodonNetwork.Photo("x")])));
        Assert.True(read.Complete);
    }
}
