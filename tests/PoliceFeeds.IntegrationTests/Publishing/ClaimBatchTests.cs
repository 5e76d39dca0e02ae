using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing;

namespace PoliceFeeds.IntegrationTests.Publishing;

/// <summary>
/// Runs claimed in the same transaction are claimed together, in one update (<see cref="ClaimBatch"/>): they share a
/// token, and each worker only ever holds what it asked for and got.
/// </summary>
public sealed class ClaimBatchTests : IAsyncLifetime
{
    private LivePublishing _live = null!;

    public async Task InitializeAsync()
    {
        _live = await LivePublishing.StartAsync(requestTimeout: TimeSpan.FromSeconds(3));
        await _live.MakeLiveAsync(1);
        await _live.MakeLiveAsync(2);
    }

    public async Task DisposeAsync() => await _live.DisposeAsync();

    [Fact]
    public async Task Runs_claimed_together_share_one_token_and_a_delivery_asked_twice_goes_to_the_first_run_only()
    {
        var first = await DeliveryIdsAsync(await PublishingTestData.AddDueMessagesAsync(_live.Factory, 1, 3, _live.Factory.UtcNow.AddSeconds(-1), "Lot A"));
        var second = await DeliveryIdsAsync(await PublishingTestData.AddDueMessagesAsync(_live.Factory, 2, 2, _live.Factory.UtcNow.AddSeconds(-1), "Lot B"));

        // The second run also asks for one of the first run's deliveries (two workers must never both post it).
        var (a, b) = await ClaimTogetherAsync(first, [first[0], .. second]);

        Assert.NotNull(a.Run);
        Assert.NotNull(b.Run);
        Assert.Equal(a.Run.Token, b.Run.Token);
        Assert.Equal(first, a.Run.Ids);
        Assert.Equal(second, b.Run.Ids);
        foreach (var id in first.Concat(second))
        {
            var delivery = await DeliveryByIdAsync(id);
            Assert.Equal(DeliveryStatus.Sending, delivery.Status);
            Assert.Equal(a.Run.Token, delivery.LeaseToken);
            Assert.Equal(1, delivery.Attempts);
            Assert.NotNull(delivery.PossiblySentSinceUtc);

            // Recorded at the claim: the expiry says so, read back under the token.
            Assert.True(a.Run.RecordedAtClaim(delivery));
            Assert.Equal(MessageStatus.Publishing, (await _live.MessageAsync(delivery.MessageId)).Status);
        }
    }

    [Fact]
    public async Task A_run_whose_deliveries_are_all_held_by_another_claim_gets_nothing_and_the_others_keep_their_lease()
    {
        var ids = await DeliveryIdsAsync(await PublishingTestData.AddDueMessagesAsync(_live.Factory, 1, 2, _live.Factory.UtcNow.AddSeconds(-1), "Déjà pris"));
        var (held, _) = await ClaimTogetherAsync(ids, []);
        Assert.NotNull(held.Run);

        // A later group (another round, another instance) asks again while the lease runs: nothing is taken over.
        var (again, none) = await ClaimTogetherAsync(ids, ids);

        Assert.Null(again.Run);
        Assert.Null(none.Run);
        Assert.Empty(none.Ids);
        foreach (var id in ids)
        {
            var delivery = await DeliveryByIdAsync(id);
            Assert.Equal(held.Run.Token, delivery.LeaseToken);
            Assert.Equal(1, delivery.Attempts);
        }
    }

    [Fact]
    public async Task A_delivery_no_longer_due_is_left_out_of_the_batch_while_the_rest_is_claimed()
    {
        var ids = await DeliveryIdsAsync(await PublishingTestData.AddDueMessagesAsync(_live.Factory, 1, 2, _live.Factory.UtcNow.AddSeconds(-1), "Annulé entre-temps"));
        var cancelled = await PublishingTestData.WithDbAsync(_live.Factory, db => db.Deliveries.Where(d => d.Id == ids[1]).Select(d => d.MessageId).SingleAsync());
        await PublishingTestData.WithDbAsync(_live.Factory, db => db.Messages.Where(m => m.Id == cancelled).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Cancelled)));

        var (run, _) = await ClaimTogetherAsync(ids, []);

        Assert.NotNull(run.Run);
        Assert.Equal(DeliveryStatus.Sending, (await DeliveryByIdAsync(ids[0])).Status);
        var notDue = await DeliveryByIdAsync(ids[1]);
        Assert.Equal(DeliveryStatus.Pending, notDue.Status);
        Assert.Null(notDue.LeaseToken);
        Assert.Equal(0, notDue.Attempts);
        Assert.Equal(MessageStatus.Cancelled, (await _live.MessageAsync(cancelled)).Status);
    }

    /// <summary>Two runs asked in one transaction, as two workers' claims in one group commit.</summary>
    private async Task<(ClaimRequest First, ClaimRequest Second)> ClaimTogetherAsync(IReadOnlyList<long> first, IReadOnlyList<long> second)
    {
        await using var scope = _live.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var options = new PublishingOptions { InstanceId = "claim-batch-test" };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var group = new GroupCommit();
        var a = group.Step<ClaimBatch>().Add(first, options, TimeProvider.System);
        var b = group.Step<ClaimBatch>().Add(second, options, TimeProvider.System);
        await group.FinishAsync(db, CancellationToken.None);
        await transaction.CommitAsync();
        return (a, b);
    }

    private Task<List<long>> DeliveryIdsAsync(List<long> messageIds) =>
        PublishingTestData.WithDbAsync(_live.Factory, db => db.Deliveries.Where(d => messageIds.Contains(d.MessageId)).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync());

    private Task<Delivery> DeliveryByIdAsync(long id) =>
        PublishingTestData.WithDbAsync(_live.Factory, db => db.Deliveries.AsNoTracking().SingleAsync(d => d.Id == id));
}
