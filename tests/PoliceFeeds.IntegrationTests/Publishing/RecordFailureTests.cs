using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Publishing;

/// <summary>
/// Issue 13, item 9: a write that fails while a delivery is in hand fails that delivery (<c>RecordFailed</c>, marker kept:
/// the post may be online) and hands the rest of its run back; it never escapes the worker nor the round.
/// </summary>
public sealed class RecordFailureTests : IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _factory = new();
    private readonly FailingSentRecord _failing = new();

    public RecordFailureTests()
    {
        _factory.Settings["Publishing:RunHostedService"] = "false";
        _factory.ServiceOverrides.Add(s => s.AddSingleton<IInterceptor>(_failing));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_failing_sent_record_fails_its_delivery_and_hands_the_run_back()
    {
        var ids = await PublishingTestData.AddDueMessagesAsync(_factory, 2, 3, _factory.UtcNow.AddSeconds(-1), "Enregistrement");

        _failing.Armed = true;
        var handled = await RunOnceAsync();

        var deliveries = await DeliveriesAsync(ids);
        Assert.True(_failing.Thrown > 0);
        Assert.True(handled > 0);
        // The first post's record failed: failed on its own, its marker kept ("Relancer" looks for the post first).
        Assert.Equal(DeliveryStatus.Failed, deliveries[0].Status);
        Assert.Equal(DeliveryFailure.RecordFailed, deliveries[0].Failure);
        Assert.NotNull(deliveries[0].PossiblySentSinceUtc);
        // Posts not reached are handed back as they were before the claim.
        Assert.Equal(DeliveryStatus.Pending, deliveries[2].Status);
        Assert.Equal(0, deliveries[2].Attempts);
        Assert.Null(deliveries[2].PossiblySentSinceUtc);
        Assert.All(deliveries, d => Assert.Null(d.LeaseToken));
        Assert.All(deliveries, d => Assert.NotEqual(DeliveryStatus.Sending, d.Status));

        // The database writes again: the handed-back delivery goes out; the failed ones are not posted again by themselves.
        _failing.Armed = false;
        await RunOnceAsync();

        deliveries = await DeliveriesAsync(ids);
        Assert.Equal(DeliveryStatus.Sent, deliveries[2].Status);
        Assert.Equal(DeliveryStatus.Failed, deliveries[0].Status);
        var posts = await PublishingTestData.WithDbAsync(_factory, db => db.SandboxPosts.CountAsync(p => p.Text.StartsWith("Enregistrement")));
        Assert.Equal(deliveries.Count(d => d.Status != DeliveryStatus.Pending), posts);
        Assert.Equal(MessageStatus.Published, await PublishingTestData.WithDbAsync(_factory, db => db.Messages.Where(m => m.Id == ids[2]).Select(m => m.Status).SingleAsync()));
    }

    private Task<List<Delivery>> DeliveriesAsync(List<long> ids) =>
        PublishingTestData.WithDbAsync(_factory, db => db.Deliveries.AsNoTracking().Where(d => ids.Contains(d.MessageId)).OrderBy(d => d.MessageId).ToListAsync());

    private async Task<int> RunOnceAsync()
    {
        await using var scope = _factory.CreateScope();
        var processor = ActivatorUtilities.CreateInstance<PublishingProcessor>(scope.ServiceProvider,
            Microsoft.Extensions.Options.Options.Create(new PublishingOptions { InstanceId = "records", BatchSize = 50, MaxParallelAccounts = 2 }));
        return await processor.RunOnceAsync(CancellationToken.None);
    }

    /// <summary>While armed, every "sent" record of a delivery (the update that stores its remote post) fails.</summary>
    private sealed class FailingSentRecord : DbCommandInterceptor
    {
        private int _thrown;

        public volatile bool Armed;

        public int Thrown => _thrown;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Armed && command.CommandText.Contains("UPDATE \"Deliveries\"", StringComparison.Ordinal) && command.CommandText.Contains("\"RemotePostId\" =", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _thrown);
                throw new InvalidOperationException("simulated failing write of a sent record");
            }

            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
