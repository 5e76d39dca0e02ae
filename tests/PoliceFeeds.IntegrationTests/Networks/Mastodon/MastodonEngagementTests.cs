using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Engagement;
using PoliceFeeds.Infrastructure.Networks.Mastodon;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.Networks.Mastodon;

/// <summary>
/// The engagement job on a live Mastodon account: each delivery's status is read (<c>GET /api/v1/statuses/:id</c>) and
/// its favourites, reblogs and replies kept as a snapshot of that delivery; a network without a reader is skipped.
/// </summary>
public sealed class MastodonEngagementTests : IAsyncLifetime
{
    private const int Department = DemoUsers.Department44;

    private MastodonNetwork _network = null!;
    private int _accountId;

    public async Task InitializeAsync()
    {
        _network = await MastodonNetwork.StartAsync();
        var token = "token-" + Guid.NewGuid().ToString("N");
        var remote = _network.Server.AddAccount("police44", token);
        _accountId = await PublishingTestData.WithDbAsync(_network.Factory, async db =>
        {
            var account = new PublishingAccount { DepartmentId = Department, Network = PublishingNetwork.Mastodon, Handle = "police44", Mode = AccountMode.Live };
            db.PublishingAccounts.Add(account);
            await db.SaveChangesAsync();
            return account.Id;
        });
        await _network.WithScopeAsync(async services =>
        {
            await services.GetRequiredService<IMastodonConnections>().SaveAsync(
                _accountId, new MastodonCredentials(_network.Server.BaseAddress.AbsoluteUri, "client-id", "client-secret", token, remote.Id), CancellationToken.None);
            return true;
        });
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task Each_delivery_s_status_counts_are_kept_as_its_own_snapshot()
    {
        var delivery = await PublishedAsync("Prévention : fermez votre véhicule, même pour un arrêt de quelques minutes.");
        var status = Assert.Single(_network.Server.Statuses);
        status.Favourites = 7;
        status.Reblogs = 3;
        status.Replies = 2;

        var round = await RunEngagementAsync();

        Assert.Equal((1, 1, 0), (round.Calls, round.Snapshots, round.SkippedAccounts));
        var snapshot = await PublishingTestData.WithDbAsync(_network.Factory, db => db.PostMetricsSnapshots.AsNoTracking().SingleAsync());
        Assert.Equal((delivery.Id, delivery.MessageId), (snapshot.DeliveryId, snapshot.MessageId));
        Assert.Equal((0L, 7L, 3L, 2L, 0L), (snapshot.Impressions, snapshot.Likes, snapshot.Reposts, snapshot.Replies, snapshot.Quotes));
    }

    [Fact]
    public async Task A_status_the_instance_no_longer_has_gets_no_snapshot()
    {
        var delivery = await PublishedAsync("Contrôles routiers ce week-end sur l'agglomération nantaise.");
        await PublishingTestData.WithDbAsync(_network.Factory, db => db.Deliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.RemotePostId, "999999999")));

        var round = await RunEngagementAsync();

        Assert.Equal((1, 0), (round.Calls, round.Snapshots));
        Assert.Equal(0, await PublishingTestData.WithDbAsync(_network.Factory, db => db.PostMetricsSnapshots.CountAsync()));
    }

    [Fact]
    public async Task An_account_whose_network_has_no_reader_is_skipped()
    {
        await PublishedAsync("Appel à témoins : accident rue de Strasbourg cette nuit.");

        var round = await RunEngagementAsync(new WithoutReaderOf(PublishingNetwork.Mastodon));

        Assert.Equal((0, 0, 1), (round.Calls, round.Snapshots, round.SkippedAccounts));
        Assert.Equal(0, await PublishingTestData.WithDbAsync(_network.Factory, db => db.PostMetricsSnapshots.CountAsync()));
    }

    /// <summary>A message published by the publisher on the fake instance, and its Mastodon delivery.</summary>
    private async Task<Delivery> PublishedAsync(string text)
    {
        var id = (await PublishingTestData.AddDueMessagesAsync(_network.Factory, Department, 1, _network.Factory.UtcNow.AddSeconds(-1), "x", m => m.Text = text))[0];
        await PublishingTestData.RunPublisherOnceAsync(_network.Factory, new PublishingOptions { InstanceId = "test", ClockSkewTolerance = TimeSpan.Zero, ReconcileSettleTime = TimeSpan.FromMinutes(2) });
        var delivery = await PublishingTestData.WithDbAsync(_network.Factory, db => db.Deliveries.AsNoTracking().SingleAsync(d => d.MessageId == id && d.AccountId == _accountId));
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        return delivery;
    }

    private async Task<EngagementRound> RunEngagementAsync(Func<IServiceProvider, IServiceProvider>? services = null)
    {
        await using var scope = _network.Factory.CreateScope();
        var provider = services?.Invoke(scope.ServiceProvider) ?? scope.ServiceProvider;
        var processor = ActivatorUtilities.CreateInstance<EngagementProcessor>(scope.ServiceProvider, provider, Options.Create(new EngagementOptions()));
        return await processor.RunOnceAsync(CancellationToken.None);
    }

    /// <summary>The app's services, less the engagement reader of one network (a network that cannot measure).</summary>
    private sealed class WithoutReaderOf(PublishingNetwork network)
    {
        public static implicit operator Func<IServiceProvider, IServiceProvider>(WithoutReaderOf without) => inner => new Provider(inner, without._network);

        private readonly PublishingNetwork _network = network;

        private sealed class Provider(IServiceProvider inner, PublishingNetwork network) : IKeyedServiceProvider
        {
            public object? GetService(Type serviceType) => inner.GetService(serviceType);

            public object? GetKeyedService(Type serviceType, object? serviceKey) =>
                serviceType == typeof(IEngagementReader) && Equals(serviceKey, network) ? null : ((IKeyedServiceProvider)inner).GetKeyedService(serviceType, serviceKey);

            public object GetRequiredKeyedService(Type serviceType, object? serviceKey) =>
                GetKeyedService(serviceType, serviceKey) ?? throw new InvalidOperationException($"No {serviceType.Name} for {serviceKey}");
        }
    }
}
