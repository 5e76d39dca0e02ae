using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Networks.Bluesky;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Networks.Bluesky;
using PoliceFeeds.Infrastructure.Publishing.Channels;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Networks.Bluesky;

/// <summary>
/// The app on its own SQLite file with the Bluesky network as the app registers it (<see cref="BlueskyNetworkRegistration.AddBlueskyNetwork"/>),
/// and helpers to connect a department's account to an account of the test PDS.
/// </summary>
public sealed class BlueskyApp : IAsyncLifetime
{
    private TidGenerator? _keys;

    public PoliceFeedsAppFactory Factory { get; } = new();

    public Task InitializeAsync()
    {
        Factory.Settings["Publishing:RunHostedService"] = "false";
        _ = Factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    public DateTime UtcNow => Factory.UtcNow;

    /// <summary>A department without an account gets one connected to <paramref name="pds"/>'s account (app password only, no session yet).</summary>
    public async Task<ChannelAccount> ConnectAsync(BlueskyPdsFixture pds, PdsAccount remote, string? appPassword = null)
    {
        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var department = await db.Departments.Where(d => !d.Accounts.Any()).OrderBy(d => d.Code).FirstAsync();
        var account = new PublishingAccount { Handle = remote.Handle, Mode = AccountMode.Live, Network = Core.Publishing.PublishingNetwork.Bluesky };
        department.Accounts.Add(account);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<IBlueskyConnectionStore>().SaveAsync(
            account.Id,
            new BlueskyCredentials { ServerUrl = pds.Url.ToString(), Did = remote.Did, Handle = remote.Handle, AppPassword = appPassword ?? remote.AppPassword },
            CancellationToken.None);
        return new ChannelAccount(account.Id, department.Id, remote.Handle, remote.Did, pds.Url.ToString()) { Network = Core.Publishing.PublishingNetwork.Bluesky };
    }

    /// <summary>A new record key, as a delivery chooses it before its first attempt.</summary>
    public string NewClientKey() => (_keys ??= new TidGenerator(Factory.Services.GetRequiredService<TimeProvider>())).Next().Value;

    public static ChannelPost Post(string text, string clientKey, IReadOnlyList<MessagePhoto>? photos = null, string? replyTo = null) =>
        new(1, text, photos ?? [], ReplyToPostId: replyTo, ClientKey: clientKey);

    /// <summary>The registered channel (the keyed service the lead's wiring will resolve).</summary>
    public static IPublishingChannel RegisteredChannel(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredKeyedService<IPublishingChannel>(Core.Publishing.PublishingNetwork.Bluesky);

    /// <summary>The channel over a test handler (a dropped connection, a counter), with the app's store and clock.</summary>
    public BlueskyPublishingChannel ChannelThrough(AsyncServiceScope scope, HttpMessageHandler handler)
    {
        var clock = Factory.Services.GetRequiredService<TimeProvider>();
        var client = new BlueskyClient(new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) }, clock, NullLogger<BlueskyClient>.Instance);
        var sessions = new BlueskySessions(scope.ServiceProvider.GetRequiredService<IBlueskyConnectionStore>(), client, clock, NullLogger<BlueskySessions>.Instance);
        return new BlueskyPublishingChannel(client, sessions, Options.Create(new BlueskyOptions()), clock);
    }
}

/// <summary>Passes requests to the PDS and can drop the answer of a matching one, then cut the network for a while.</summary>
public sealed class FaultyNetwork : DelegatingHandler
{
    public FaultyNetwork()
        : base(new SocketsHttpHandler())
    {
    }

    /// <summary>Drop the answer of the next request whose path contains this (after the PDS got it), then refuse every request.</summary>
    public string? DropAnswerOf { get; set; }

    public bool Down { get; set; }

    public List<string> Calls { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        lock (Calls)
        {
            Calls.Add(path);
        }

        if (Down)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "connection refused (test network down)");
        }

        var answer = await base.SendAsync(request, cancellationToken);
        if (DropAnswerOf is { } drop && path.Contains(drop, StringComparison.Ordinal))
        {
            answer.Dispose();
            DropAnswerOf = null;
            Down = true;
            throw new HttpRequestException("The response ended prematurely (test: connection dropped after the request was sent).");
        }

        return answer;
    }
}
