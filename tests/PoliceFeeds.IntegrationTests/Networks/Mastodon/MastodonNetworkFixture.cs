using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeMastodon;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Networks.Mastodon;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Infrastructure.Publishing.Channels;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Networks.Mastodon;

/// <summary>
/// The app on its own SQLite file with the Mastodon network as the app registers it
/// (<see cref="MastodonNetworkServiceCollectionExtensions.AddMastodonNetwork"/>), and a fake Mastodon instance on
/// loopback dating its statuses on the app's clock. Each test gets a fresh one.
/// </summary>
public sealed class MastodonNetwork : IAsyncDisposable
{
    private MastodonNetwork(FakeMastodonServer server, PoliceFeedsAppFactory factory)
    {
        Server = server;
        Factory = factory;
    }

    public FakeMastodonServer Server { get; }

    public PoliceFeedsAppFactory Factory { get; }

    public const string RedirectUri = "https://policefeeds.example/Admin/Accounts/MastodonCallback";

    public static async Task<MastodonNetwork> StartAsync(int maxTimelinePages = 3)
    {
        var server = await FakeMastodonServer.StartAsync();
        var factory = new PoliceFeedsAppFactory();
        factory.Settings["Publishing:RunHostedService"] = "false";
        factory.Settings["Mastodon:RequestTimeout"] = "00:00:02";
        factory.Settings["Mastodon:MediaPollInterval"] = "00:00:00.050";
        factory.Settings["Mastodon:MediaProcessingTimeout"] = "00:00:01";
        factory.Settings["Mastodon:MaxTimelinePages"] = maxTimelinePages.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Mastodon:RedirectUri"] = RedirectUri;
        server.Clock = factory.Services.GetRequiredService<TimeProvider>();
        return new MastodonNetwork(server, factory);
    }

    /// <summary>Connects the first seeded account to a new account of the fake instance, as the admin page will.</summary>
    public async Task<(ChannelAccount Account, FakeMastodonAccount Remote, string Token)> ConnectAsync(string username = "PoliceNat44")
    {
        var token = "token-" + Guid.NewGuid().ToString("N");
        var remote = Server.AddAccount(username, token);
        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var row = await db.PublishingAccounts.OrderBy(a => a.Id).FirstAsync();
        await scope.ServiceProvider.GetRequiredService<IMastodonConnections>()
            .SaveAsync(row.Id, new MastodonCredentials(Server.BaseAddress.AbsoluteUri, "client-id", "client-secret", token, remote.Id), CancellationToken.None);
        return (new ChannelAccount(row.Id, row.DepartmentId, username, remote.Id, Server.BaseAddress.AbsoluteUri), remote, token);
    }

    /// <summary>Runs <paramref name="act"/> with the Mastodon channel of a new scope (a worker's).</summary>
    public async Task<T> WithChannelAsync<T>(Func<IPublishingChannel, Task<T>> act)
    {
        await using var scope = Factory.CreateScope();
        return await act(scope.ServiceProvider.GetRequiredKeyedService<IPublishingChannel>(PublishingNetwork.Mastodon));
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> act)
    {
        await using var scope = Factory.CreateScope();
        return await act(scope.ServiceProvider);
    }

    /// <summary>The publisher's reconciliation of one possibly-sent delivery, on this channel (the step before any new attempt).</summary>
    internal async Task<object> ReconcileAsync(ChannelAccount account, ChannelPost sent, DateTime possiblySentSinceUtc)
    {
        await using var scope = Factory.CreateScope();
        var services = scope.ServiceProvider;
        var reconciliation = new AccountReconciliation(services.GetRequiredService<PoliceFeedsDbContext>(), services.GetRequiredService<IOptions<PublishingOptions>>().Value, services.GetRequiredService<TimeProvider>());
        var delivery = new Delivery { Id = -1, AccountId = account.Id, DepartmentId = account.DepartmentId, Mode = DeliveryMode.Live, PossiblySentSinceUtc = possiblySentSinceUtc, LastAttemptAtUtc = possiblySentSinceUtc };
        return await reconciliation.FindAsync(services.GetRequiredKeyedService<IPublishingChannel>(PublishingNetwork.Mastodon), account, delivery, possiblySentSinceUtc, possiblySentSinceUtc, sent, CancellationToken.None);
    }

    public static ChannelPost Post(string text, string? key = null, IReadOnlyList<MessagePhoto>? photos = null, string? replyTo = null) =>
        new(1, text, photos ?? [], replyTo, null, key ?? Guid.NewGuid().ToString("N"));

    public static MessagePhoto Photo(string alt) => new() { ContentType = "image/png", Content = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4], AltText = alt };

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Server.DisposeAsync();
    }
}
