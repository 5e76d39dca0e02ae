using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.Web.Startup;

namespace PoliceFeeds.IntegrationTests.Report;

/// <summary>The demo pilot history: absent from the Testing environment, idempotent, and enough for a meaningful report.</summary>
public sealed class DemoHistoryTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Fact]
    public async Task Demo_history_is_not_seeded_in_Testing_and_seeding_twice_adds_nothing()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        Assert.Equal(0, await db.Messages.CountAsync());

        var seeder = scope.ServiceProvider.GetRequiredService<DemoHistorySeeder>();
        await seeder.SeedAsync([DemoUsers.Department62]);
        var messages = await db.Messages.CountAsync();
        var snapshots = await db.PostMetricsSnapshots.CountAsync();
        await seeder.SeedAsync([DemoUsers.Department62]);

        Assert.Equal(messages, await db.Messages.CountAsync());
        Assert.Equal(snapshots, await db.PostMetricsSnapshots.CountAsync());
        Assert.True(await db.Messages.CountAsync(m => m.Status == MessageStatus.Published) > 50);
        Assert.True(await db.Messages.CountAsync(m => m.Status == MessageStatus.Failed) > 0);
        Assert.True(await db.Messages.CountAsync(m => m.Status == MessageStatus.Rejected) > 0);
        Assert.Equal(4 * await db.Messages.CountAsync(m => m.Status == MessageStatus.Published), snapshots);
        Assert.All(await db.Messages.Select(m => m.DepartmentId).Distinct().ToListAsync(), d => Assert.Equal(DemoUsers.Department62, d));

        var start = seeder.PilotStart();
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Admin);
        var page = await client.GetPageAsync($"/Report?from={start:yyyy-MM}&to={start.AddMonths(2):yyyy-MM}");
        var published = page.QuerySelectorAll("#table-activity tbody tr td:nth-of-type(2)").Sum(td => int.Parse(td.GetAttribute("data-value")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(await db.Messages.CountAsync(m => m.Status == MessageStatus.Published), published);
        Assert.NotEmpty(page.QuerySelectorAll("#table-failures tbody tr"));
        Assert.NotEmpty(page.QuerySelectorAll("#table-engagement tbody tr"));
    }
}
