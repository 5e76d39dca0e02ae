using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Publishing;

/// <summary>
/// The queries the publisher runs for every claim and every group commit, as SQLite plans them on the migrated database:
/// each must find its rows through a key or an index, never by scanning every message or every delivery. At a million
/// messages a scan inside a group commit holds the only writer for the time of the scan, once per group. (The summaries
/// query did exactly that, as a correlated EXISTS: SQLite scanned every message for each group.)
/// </summary>
public sealed class PublisherQueryPlanTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    private static readonly DateTime Now = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_group_commits_message_summaries_read_messages_by_key()
    {
        var plan = await PlanAsync(db => MessageSummaries.Read(db, [1, 2, 3]));

        Assert.Contains(plan, step => step.StartsWith("SEARCH m USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
        AssertNoScanOfLargeTables(plan);
    }

    [Fact]
    public async Task A_claims_due_condition_reads_the_claimed_deliveries_by_key()
    {
        long[] ids = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        var plan = await PlanAsync(db => DueDeliveries.Query(db, Now, TimeSpan.FromSeconds(15)).Where(x => ids.Contains(x.Id)).Select(x => x.Id));

        Assert.Contains(plan, step => step.StartsWith("SEARCH d USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
        AssertNoScanOfLargeTables(plan);
    }

    [Fact]
    public async Task A_group_commits_first_posts_read_each_messages_deliveries_through_an_index()
    {
        long[] ids = [1, 2, 3];
        var plan = await PlanAsync(db => db.Messages.Where(m => ids.Contains(m.Id) && m.XPostId == null)
            .Select(m => FirstPosts.Posted(db).Where(d => d.MessageId == m.Id).OrderBy(d => d.SentAtUtc).ThenBy(d => d.Id).Select(d => d.RemotePostId).FirstOrDefault()));

        Assert.Contains(plan, step => step.StartsWith("SEARCH m USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
        AssertNoScanOfLargeTables(plan);
    }

    [Fact]
    public async Task An_accounts_possibly_sent_deliveries_are_read_through_an_index()
    {
        var plan = await PlanAsync(db => db.Deliveries.AsNoTracking().Where(d => d.AccountId == 1 && d.PossiblySentSinceUtc != null && d.Status != DeliveryStatus.Sent));

        AssertNoScanOfLargeTables(plan);
    }

    private static void AssertNoScanOfLargeTables(IReadOnlyList<string> plan)
    {
        // "SCAN x" without an index is a full table scan; the small tables (departments, accounts, settings) may be scanned.
        var scans = plan.Where(step => step.StartsWith("SCAN ", StringComparison.Ordinal) && !step.Contains("USING", StringComparison.Ordinal)
            && (step.StartsWith("SCAN m", StringComparison.Ordinal) || step.StartsWith("SCAN d ", StringComparison.Ordinal) || step == "SCAN d"
                || step.Contains("Messages", StringComparison.Ordinal) || step.Contains("Deliveries", StringComparison.Ordinal)));
        Assert.Empty(scans);
    }

    /// <summary>SQLite's plan for the query, one line per step (<c>EXPLAIN QUERY PLAN</c> on the command EF Core would run).</summary>
    private async Task<List<string>> PlanAsync(Func<PoliceFeedsDbContext, IQueryable> build)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using DbCommand command = build(db).CreateDbCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            await using var reader = await command.ExecuteReaderAsync();
            var steps = new List<string>();
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(reader.GetOrdinal("detail")));
            }

            Assert.NotEmpty(steps);
            return steps;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
