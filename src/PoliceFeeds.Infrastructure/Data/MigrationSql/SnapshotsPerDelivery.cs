using Microsoft.EntityFrameworkCore.Migrations;

namespace PoliceFeeds.Infrastructure.Data.MigrationSql;

/// <summary>
/// When engagement snapshots became keyed by delivery: each earlier snapshot goes to the post the job measured then, its
/// message's first live X delivery that reached X. Snapshots of a message without one keep no delivery (the report still
/// counts them). Plain SQL that SQLite and SQL Server both run (Mode 1 = live, Network 0 = X).
/// </summary>
public static class SnapshotsPerDelivery
{
    public const string Backfill = """
        UPDATE PostMetricsSnapshots SET DeliveryId = (
            SELECT MIN(d.Id) FROM Deliveries d INNER JOIN PublishingAccounts a ON a.Id = d.AccountId
            WHERE d.MessageId = PostMetricsSnapshots.MessageId AND d.Mode = 1 AND d.RemotePostId IS NOT NULL AND a.Network = 0)
        WHERE DeliveryId IS NULL
        """;

    public static void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Backfill);
}
