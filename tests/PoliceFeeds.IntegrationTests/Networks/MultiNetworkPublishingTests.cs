using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeMastodon;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Networks.Mastodon;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Networks.Mastodon;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.Networks;

/// <summary>
/// One message to several accounts of its department, on different networks: department 44's X account (its training
/// timeline) and a live Mastodon account on the fake instance. Each delivery goes its own way, through the same publisher.
/// </summary>
public sealed class MultiNetworkPublishingTests : IAsyncLifetime
{
    private const int Department = DemoUsers.Department44;

    private MastodonNetwork _network = null!;
    private FakeMastodonAccount _remote = null!;
    private int _mastodonAccountId;

    private TestClock Clock => _network.Factory.Clock;

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public async Task InitializeAsync()
    {
        _network = await MastodonNetwork.StartAsync();
        var token = "token-" + Guid.NewGuid().ToString("N");
        _remote = _network.Server.AddAccount("police44", token);
        _mastodonAccountId = await PublishingTestData.WithDbAsync(_network.Factory, async db =>
        {
            var account = new PublishingAccount { DepartmentId = Department, Network = PublishingNetwork.Mastodon, Handle = "police44", Mode = AccountMode.Live };
            db.PublishingAccounts.Add(account);
            await db.SaveChangesAsync();
            return account.Id;
        });
        await _network.WithScopeAsync(async services =>
        {
            await services.GetRequiredService<IMastodonConnections>().SaveAsync(
                _mastodonAccountId, new MastodonCredentials(_network.Server.BaseAddress.AbsoluteUri, "client-id", "client-secret", token, _remote.Id), CancellationToken.None);
            return true;
        });
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_message_goes_to_each_account_of_its_department_once()
    {
        var id = await DueAsync("Prévention : fermez votre véhicule, même pour un arrêt de quelques minutes. #Nantes");

        await RunAsync();

        var deliveries = await DeliveriesAsync(id);
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.All(deliveries, d => Assert.True(DeliveryKeys.IsValid(d.ClientKey)));
        Assert.NotEqual(deliveries[0].ClientKey, deliveries[1].ClientKey);
        var mastodon = deliveries.Single(d => d.AccountId == _mastodonAccountId);
        Assert.Equal(DeliveryMode.Live, mastodon.Mode);
        var status = Assert.Single(_network.Server.Statuses);
        Assert.Equal(mastodon.RemotePostId, status.Id);
        Assert.Equal(mastodon.ClientKey, status.IdempotencyKey);
        Assert.Equal("fr", status.Language);
        var training = deliveries.Single(d => d.AccountId != _mastodonAccountId);
        Assert.Equal(DeliveryMode.Training, training.Mode);
        Assert.Equal(1, await PublishingTestData.WithDbAsync(_network.Factory, db => db.SandboxPosts.CountAsync(p => p.PostId == training.RemotePostId && p.AccountId == training.AccountId)));
        Assert.Equal(MessageStatus.Published, (await MessageAsync(id)).Status);

        // The message page says where each delivery went.
        using var officer = _network.Factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        var page = await officer.GetPageAsync($"/Messages/{id}");
        var shown = page.QuerySelectorAll("[data-testid=delivery-account]").Select(e => e.TextContent.Trim()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Mastodon · @police44", "X · @PoliceNat44"], shown);
        Assert.NotNull(page.QuerySelector($"a[href='{mastodon.RemotePostUrl}']"));

        // Nothing more on a second round.
        await RunAsync();
        Assert.Single(_network.Server.Statuses);
    }

    [Fact]
    public async Task Person_found_takes_the_appeal_down_from_every_network()
    {
        var id = await DueAsync("Appel à témoins : Inès, 15 ans, n'a pas été revue depuis hier soir à Nantes.");
        await RunAsync();
        var online = await DeliveriesAsync(id);
        Assert.All(online, d => Assert.Equal(DeliveryStatus.Sent, d.Status));

        await PublishingTestData.ActAsync(_network.Factory, id, m => m.Withdraw("validator", "personne retrouvée", Now));
        await RunAsync();

        Assert.All(await DeliveriesAsync(id), d => Assert.Equal(DeliveryStatus.Withdrawn, d.Status));
        Assert.Empty(_network.Server.Statuses);
        Assert.Equal(0, await PublishingTestData.WithDbAsync(_network.Factory, db => db.SandboxPosts.CountAsync(p => p.DepartmentId == Department)));
        Assert.Equal(MessageStatus.Withdrawn, (await MessageAsync(id)).Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_uncertain_create_on_one_network_holds_nothing_else_back_and_never_posts_twice(bool idempotencyKeyHonoured)
    {
        _network.Server.Behaviour.HonourIdempotencyKey = idempotencyKeyHonoured;
        var id = await DueAsync("Déviation : la RN165 est fermée entre Savenay et Temple-de-Bretagne jusqu'à 18 h.");
        _network.Server.Faults.Enqueue(FakeMastodonEndpoint.CreateStatus, FakeMastodonFault.AcceptThenAnswer(503));

        await RunAsync();

        var deliveries = await DeliveriesAsync(id);
        var mastodon = deliveries.Single(d => d.AccountId == _mastodonAccountId);
        Assert.Equal(DeliveryStatus.Sent, deliveries.Single(d => d.AccountId != _mastodonAccountId).Status);
        Assert.Equal((DeliveryStatus.Pending, DeliveryFailure.PossiblySent), (mastodon.Status, mastodon.Failure));
        Assert.NotNull(mastodon.PossiblySentSinceUtc);

        Clock.Advance(TimeSpan.FromMinutes(3));
        await RunAsync();

        mastodon = (await DeliveriesAsync(id)).Single(d => d.AccountId == _mastodonAccountId);
        var status = Assert.Single(_network.Server.Statuses);
        Assert.True(mastodon.Status == DeliveryStatus.Sent, $"{mastodon.Status} {mastodon.Failure} {mastodon.FailureDetail} next {mastodon.NextAttemptAtUtc:o} now {Now:o} attempts {mastodon.Attempts} created {status.CreatedAt:o}");
        Assert.Equal((DeliveryStatus.Sent, status.Id), (mastodon.Status, mastodon.RemotePostId));
        Assert.Null(mastodon.PossiblySentSinceUtc);
    }

    [Fact]
    public async Task A_revoked_account_fails_alone_and_the_message_says_where_it_is_online()
    {
        _network.Server.Revoke(_remote);
        var id = await DueAsync("Contrôles routiers ce week-end sur l'agglomération nantaise : soyez prudents.");

        await RunAsync();

        var deliveries = await DeliveriesAsync(id);
        Assert.Equal(DeliveryStatus.Sent, deliveries.Single(d => d.AccountId != _mastodonAccountId).Status);
        var mastodon = deliveries.Single(d => d.AccountId == _mastodonAccountId);
        Assert.NotEqual(DeliveryStatus.Sent, mastodon.Status);
        Assert.Empty(_network.Server.Statuses);
        var account = await PublishingTestData.WithDbAsync(_network.Factory, db => db.PublishingAccounts.SingleAsync(a => a.Id == _mastodonAccountId));
        Assert.Equal(AccountState.NeedsReconnecting, account.State);
        Assert.Equal(MessageStatus.Published, (await MessageAsync(id)).Status);
    }

    [Fact]
    public async Task A_delivery_refused_on_one_network_shows_the_message_as_partly_published_until_it_is_sent_again()
    {
        _network.Server.Faults.Enqueue(FakeMastodonEndpoint.CreateStatus, FakeMastodonFault.ServerError(422));
        var id = await DueAsync("Opération de sécurisation du marché de Noël : présence policière renforcée.");

        await RunAsync();

        var mastodon = (await DeliveriesAsync(id)).Single(d => d.AccountId == _mastodonAccountId);
        Assert.Equal(DeliveryStatus.Failed, mastodon.Status);
        Assert.Equal(MessageStatus.Published, (await MessageAsync(id)).Status);

        // The home page, the queue and the message page say it is online only in part.
        using var validator = _network.Factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);
        var list = await validator.GetPageAsync("/Messages");
        Assert.NotNull(list.QuerySelector($"tr[data-message-id='{id}'] [data-testid=partly-published]"));
        var queue = await validator.GetPageAsync("/Queue");
        var row = queue.QuerySelector($"[data-testid=queue-partly-published] li[data-message='{id}']");
        Assert.Contains("Mastodon · @police44", row!.TextContent, StringComparison.Ordinal);
        var page = await validator.GetPageAsync($"/Messages/{id}");
        Assert.NotNull(page.QuerySelector("[data-testid=partial-failure]"));

        // "Relancer les publications en échec": the failed delivery goes again, the other stays as it is.
        using (var retried = await validator.ActAsync(id, "RetryFailedDeliveries"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, retried.StatusCode);
        }

        await RunAsync();

        var deliveries = await DeliveriesAsync(id);
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.Single(_network.Server.Statuses);
        list = await validator.GetPageAsync("/Messages");
        Assert.Null(list.QuerySelector($"tr[data-message-id='{id}'] [data-testid=partly-published]"));
    }

    private async Task<long> DueAsync(string text, Action<Message>? customise = null) =>
        (await PublishingTestData.AddDueMessagesAsync(_network.Factory, Department, 1, Now.AddSeconds(-1), "x", m =>
        {
            m.Text = text;
            customise?.Invoke(m);
        }))[0];

    private Task<List<Delivery>> DeliveriesAsync(long messageId) =>
        PublishingTestData.WithDbAsync(_network.Factory, db => db.Deliveries.AsNoTracking().Where(d => d.MessageId == messageId).OrderBy(d => d.Id).ToListAsync());

    private Task<Message> MessageAsync(long id) =>
        PublishingTestData.WithDbAsync(_network.Factory, db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == id));

    private Task RunAsync() => PublishingTestData.RunPublisherOnceAsync(_network.Factory, new PublishingOptions
    {
        InstanceId = "test",
        BackoffBase = TimeSpan.FromMilliseconds(10),
        BackoffMax = TimeSpan.FromMilliseconds(200),
        ClockSkewTolerance = TimeSpan.Zero,
        ReconcileSettleTime = TimeSpan.FromMinutes(2),
    });
}
