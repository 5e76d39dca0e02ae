using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Engagement;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data.MigrationSql;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.Foundation;

/// <summary>The migration's backfill: earlier snapshots (X only, keyed by message) go to the X post the job measured.</summary>
public sealed class SnapshotsPerDeliveryMigrationTests : IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task An_earlier_snapshot_gets_its_message_s_first_live_x_delivery_and_one_without_keeps_none_even_with_another_network_s()
    {
        var ids = await PublishingTestData.AddDueMessagesAsync(_factory, DemoUsers.Department44, 2, _factory.UtcNow.AddHours(-1), "Publiée");
        var (measured, unmeasured) = (ids[0], ids[1]);
        var (xDelivery, mastodonDelivery) = await PublishingTestData.WithDbAsync(_factory, async db =>
        {
            var mastodon = new PublishingAccount { DepartmentId = DemoUsers.Department44, Network = PublishingNetwork.Mastodon, Handle = "police44", Mode = AccountMode.Live };
            db.PublishingAccounts.Add(mastodon);
            await db.SaveChangesAsync();
            var x = await db.Deliveries.SingleAsync(d => d.MessageId == measured);
            var other = new Delivery { MessageId = measured, AccountId = mastodon.Id, DepartmentId = DemoUsers.Department44, Mode = DeliveryMode.Live, Status = DeliveryStatus.Sent, RemotePostId = "1101" };
            db.Deliveries.Add(other);
            // A message posted only on Mastodon (its X delivery still training) was never measured by the X-only job.
            db.Deliveries.Add(new Delivery { MessageId = unmeasured, AccountId = mastodon.Id, DepartmentId = DemoUsers.Department44, Mode = DeliveryMode.Live, Status = DeliveryStatus.Sent, RemotePostId = "1102" });
            await db.SaveChangesAsync();
            await db.Deliveries.Where(d => d.Id == x.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Mode, DeliveryMode.Live).SetProperty(d => d.Status, DeliveryStatus.Sent).SetProperty(d => d.RemotePostId, "1900000000000000001"));
            db.PostMetricsSnapshots.AddRange(
                new PostMetricsSnapshot { MessageId = measured, TakenAtUtc = _factory.UtcNow, Impressions = 10 },
                new PostMetricsSnapshot { MessageId = unmeasured, TakenAtUtc = _factory.UtcNow, Impressions = 5 });
            await db.SaveChangesAsync();
            return (x.Id, other.Id);
        });

        await PublishingTestData.WithDbAsync(_factory, db => db.Database.ExecuteSqlRawAsync(SnapshotsPerDelivery.Backfill));

        var snapshots = await PublishingTestData.WithDbAsync(_factory, db => db.PostMetricsSnapshots.AsNoTracking().OrderBy(s => s.MessageId).ToListAsync());
        Assert.Equal([(measured, (long?)xDelivery), (unmeasured, null)], snapshots.Select(s => (s.MessageId, s.DeliveryId)));
        Assert.NotEqual(mastodonDelivery, snapshots[0].DeliveryId);
    }
}
