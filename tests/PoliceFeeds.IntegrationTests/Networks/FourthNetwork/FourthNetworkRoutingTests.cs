using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Infrastructure.Publishing.Channels;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.Networks.FourthNetwork;

/// <summary>
/// "A fourth network is a folder and a registration": a channel the product does not know, registered under a fourth
/// <see cref="PublishingNetwork"/> value by this test folder alone, gets its account's deliveries through the real publisher
/// (planner, claims, records, takedown), with no change to the publisher. See docs/channels.md for what a real network
/// needs beyond routing (a member of the enum, its text rules, its admin page).
/// </summary>
public sealed class FourthNetworkRoutingTests : IAsyncLifetime
{
    private const int Department = DemoUsers.Department44;

    private readonly FourthNetworkServer _server = new();
    private readonly PoliceFeedsAppFactory _factory = new();
    private int _accountId;

    public async Task InitializeAsync()
    {
        _factory.Settings["Publishing:RunHostedService"] = "false";
        _factory.ServiceOverrides.Add(s => s.AddFourthNetwork(_server));
        _accountId = await PublishingTestData.WithDbAsync(_factory, async db =>
        {
            // Credentials are the network's business (its own store); the publisher only needs the account connected with some.
            var account = new PublishingAccount
            {
                DepartmentId = Department,
                Network = FourthNetworkRegistration.Network,
                Handle = "police44",
                Mode = AccountMode.Live,
                State = AccountState.Connected,
                ProtectedCredentials = "held by the fourth network's store",
            };
            db.PublishingAccounts.Add(account);
            await db.SaveChangesAsync();
            return account.Id;
        });
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_publisher_sends_and_takes_down_a_fourth_network_delivery_through_its_registered_channel()
    {
        var now = _factory.UtcNow;
        var id = (await PublishingTestData.AddDueMessagesAsync(_factory, Department, 1, now.AddSeconds(-1), "Quatrième réseau"))[0];

        await RunAsync();

        var delivery = await DeliveryAsync(id);
        var post = Assert.Single(_server.Posts);
        Assert.Equal((DeliveryMode.Live, DeliveryStatus.Sent), (delivery.Mode, delivery.Status));
        Assert.Equal(post.Id, delivery.RemotePostId);
        Assert.Equal($"https://fourth.example/police44/{post.Id}", delivery.RemotePostUrl);
        Assert.Equal((_accountId, FourthNetworkRegistration.Network), (post.AccountId, post.Network));
        Assert.Equal(delivery.ClientKey, post.ClientKey);
        Assert.StartsWith("Quatrième réseau 0 ", post.Text, StringComparison.Ordinal);

        // The department's other account (its X sandbox account) got its own delivery on the training timeline.
        var others = await PublishingTestData.WithDbAsync(_factory, db => db.Deliveries.AsNoTracking().Where(d => d.MessageId == id && d.AccountId != _accountId).ToListAsync());
        Assert.All(others, d => Assert.Equal((DeliveryMode.Training, DeliveryStatus.Sent), (d.Mode, d.Status)));
        Assert.NotEmpty(others);

        await PublishingTestData.ActAsync(_factory, id, m => m.Withdraw("validator", "personne retrouvée", _factory.UtcNow));
        await RunAsync();

        Assert.Empty(_server.Posts);
        Assert.Equal(DeliveryStatus.Withdrawn, (await DeliveryAsync(id)).Status);
    }

    [Fact]
    public async Task A_live_delivery_goes_to_the_channel_keyed_by_its_network_a_training_one_to_the_timeline_an_unregistered_network_nowhere()
    {
        await using var scope = _factory.CreateScope();
        var channels = scope.ServiceProvider.GetRequiredService<PublishingChannels>();
        var account = new ChannelAccount(_accountId, Department, "police44", null) { Network = FourthNetworkRegistration.Network };

        Assert.IsType<FourthNetworkChannel>(channels.For(account, DeliveryMode.Live));
        Assert.IsType<TrainingPublishingChannel>(channels.For(account, DeliveryMode.Training));
        Assert.Throws<InvalidOperationException>(() => channels.For(account with { Network = (PublishingNetwork)4 }, DeliveryMode.Live));
    }

    private Task<Delivery> DeliveryAsync(long messageId) =>
        PublishingTestData.WithDbAsync(_factory, db => db.Deliveries.AsNoTracking().SingleAsync(d => d.MessageId == messageId && d.AccountId == _accountId));

    private Task RunAsync() => PublishingTestData.RunPublisherOnceAsync(_factory, new PublishingOptions
    {
        InstanceId = "test",
        BackoffBase = TimeSpan.FromMilliseconds(10),
        BackoffMax = TimeSpan.FromMilliseconds(200),
        ClockSkewTolerance = TimeSpan.Zero,
        ReconcileSettleTime = TimeSpan.FromMinutes(2),
    });
}
