using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeX;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Infrastructure.Security;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Publishing;

/// <summary>
/// The app on its own SQLite file, pointed at a fake X server, with live accounts whose OAuth 1.0a credentials the fake
/// knows. The hosted publisher is off: tests drive <see cref="PublishingProcessor"/> themselves.
/// </summary>
public sealed class LivePublishing : IAsyncDisposable
{
    private LivePublishing(FakeXServer x, PoliceFeedsAppFactory factory)
    {
        X = x;
        Factory = factory;
    }

    public FakeXServer X { get; }

    public PoliceFeedsAppFactory Factory { get; }

    public Dictionary<int, FakeXAccount> Accounts { get; } = [];

    public static async Task<LivePublishing> StartAsync(
        TimeSpan? requestTimeout = null,
        double circuitBreakerFailureRatio = 0.9,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var x = await FakeXServer.StartAsync();
        var factory = new PoliceFeedsAppFactory();
        factory.Settings["Publishing:RunHostedService"] = "false";
        factory.Settings["XApi:BaseAddress"] = x.BaseAddress.ToString();
        factory.Settings["XApi:AuthorizeUrl"] = new Uri(x.BaseAddress, "i/oauth2/authorize").ToString();
        factory.Settings["XApi:ConsumerKey"] = x.ConsumerKey;
        factory.Settings["XApi:ConsumerSecret"] = x.ConsumerSecret;
        factory.Settings["XApi:ClientId"] = x.ClientId;
        factory.Settings["XApi:ClientSecret"] = x.ClientSecret;
        factory.Settings["XApi:RequestTimeout"] = (requestTimeout ?? TimeSpan.FromSeconds(2)).ToString("c");
        factory.Settings["XApi:Resilience:RetryDelay"] = "00:00:00.010";
        factory.Settings["XApi:Resilience:CircuitBreakerFailureRatio"] = circuitBreakerFailureRatio.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["XApi:Resilience:CircuitBreakerBreakDuration"] = "00:00:00.500";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            factory.Settings[key] = value;
        }

        if (services is not null)
        {
            factory.ServiceOverrides.Add(services);
        }

        // The fake X dates its posts on the app's clock, as X and the app share real time.
        x.Clock = factory.Services.GetRequiredService<TimeProvider>();
        return new LivePublishing(x, factory);
    }

    /// <summary>Makes department <paramref name="departmentId"/>'s account live, with OAuth 1.0a tokens known to the fake.</summary>
    public async Task<FakeXAccount> MakeLiveAsync(int departmentId)
    {
        var token = $"token-{departmentId}-{Guid.NewGuid():N}";
        var secret = $"secret-{departmentId}-{Guid.NewGuid():N}";
        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var account = await db.PublishingAccounts.SingleAsync(a => a.DepartmentId == departmentId);
        var fake = X.AddOAuth1Account(account.Handle, token, secret);
        scope.ServiceProvider.GetRequiredService<CredentialProtector>().Store(account, XAccountCredentials.OAuth1(token, secret));
        account.Mode = AccountMode.Live;
        account.State = AccountState.Connected;
        account.RemoteUserId = fake.Id;
        await db.SaveChangesAsync();
        Accounts[departmentId] = fake;
        return fake;
    }

    /// <summary>
    /// An administrator reconnects department <paramref name="departmentId"/>'s live account: the same X account (same
    /// timeline), new tokens stored.
    /// </summary>
    public async Task ReconnectAsync(int departmentId)
    {
        var fake = Accounts[departmentId];
        var token = $"token-{departmentId}-{Guid.NewGuid():N}";
        X.AddOAuth1Token(fake, token);
        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var account = await db.PublishingAccounts.SingleAsync(a => a.DepartmentId == departmentId);
        scope.ServiceProvider.GetRequiredService<CredentialProtector>().Store(account, XAccountCredentials.OAuth1(token, fake.AccessTokenSecret!));
        account.State = AccountState.Connected;
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Activates listed departments that have no account yet (codes 01, 02, ...: every department exists, inactive until
    /// activated), each with a live account, for tests over many accounts.
    /// </summary>
    public async Task<List<int>> AddLiveDepartmentsAsync(int count)
    {
        var ids = new List<int>();
        await using (var scope = Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
            var departments = await db.Departments.Where(d => !d.Accounts.Any()).OrderBy(d => d.Code).Take(count).ToListAsync();
            foreach (var department in departments)
            {
                department.IsActive = true;
                department.Accounts.Add(new PublishingAccount { Handle = "PoliceNat" + department.Code });
            }

            await db.SaveChangesAsync();
            ids.AddRange(departments.Select(d => d.Id));
        }

        foreach (var id in ids)
        {
            await MakeLiveAsync(id);
        }

        return ids;
    }

    public async Task<int> RunOnceAsync(Action<PublishingOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new PublishingOptions
        {
            InstanceId = "test",
            BackoffBase = TimeSpan.FromMilliseconds(10),
            BackoffMax = TimeSpan.FromMilliseconds(200),
            MaxAttempts = 50,
            BatchSize = 2000,
            MaxParallelAccounts = 16,
            ClockSkewTolerance = TimeSpan.Zero,

            // The fake's timeline shows a post at once unless a test sets a lag: one look settles it.
            ReconcileSettleTime = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        return await PublishingTestData.RunPublisherOnceAsync(Factory, options, cancellationToken);
    }

    /// <summary>Runs rounds until every listed message is published or failed, or the time runs out.</summary>
    public async Task DrainAsync(IReadOnlyCollection<long> ids, TimeSpan timeout, Action<PublishingOptions>? configure = null)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            await RunOnceAsync(configure);
            var open = await PublishingTestData.WithDbAsync(Factory, db => db.Messages.CountAsync(m => ids.Contains(m.Id) && m.Status != MessageStatus.Published && m.Status != MessageStatus.Failed));
            if (open == 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("Messages still unpublished after " + timeout);
    }

    public Task<Message> MessageAsync(long id) => PublishingTestData.WithDbAsync(Factory, db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>The message's one delivery today (the tests of one account).</summary>
    public Task<Delivery> DeliveryAsync(long messageId) => PublishingTestData.WithDbAsync(Factory, db => db.Deliveries.AsNoTracking().SingleAsync(d => d.MessageId == messageId));

    public Task<PublishingAccount> AccountAsync(int departmentId) => PublishingTestData.WithDbAsync(Factory, db => db.PublishingAccounts.AsNoTracking().SingleAsync(a => a.DepartmentId == departmentId));

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await X.DisposeAsync();
    }
}
