using System.Net;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Officer;

/// <summary>The calendar: scheduled and published messages of the department at their local time, linked to their message.</summary>
public sealed class CalendarTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    private static readonly DateTime Published = new(2027, 6, 10, 21, 30, 0, DateTimeKind.Utc); // 23:30 in Paris (summer time)
    private static readonly DateTime Due = new(2027, 6, 11, 22, 30, 0, DateTimeKind.Utc); // 00:30 on the 12th in Paris

    [Fact]
    public async Task The_week_view_shows_scheduled_and_published_messages_on_their_local_day_with_a_link()
    {
        var published = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.Prevention, "Publié " + Guid.NewGuid(), MessageStatus.Published, Published);
        var scheduled = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.Prevention, "Programmé " + Guid.NewGuid(), MessageStatus.Approved, dueAtUtc: Due);
        var draft = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.Prevention, "Brouillon " + Guid.NewGuid(), MessageStatus.Draft, customise: m => m.ScheduledAtUtc = Due);
        var of35 = await OfficerTestData.AddAsync(factory, DemoUsers.Department35, MessageTestData.Prevention, "Du 35 " + Guid.NewGuid(), MessageStatus.Published, Published, authorEmail: DemoUsers.Officer35);
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        var page = await client.GetPageAsync("/Calendar?view=week&date=2027-06-10");

        var publishedEntry = page.QuerySelector($"td[data-day='2027-06-10'] [data-entry='{published}']");
        Assert.NotNull(publishedEntry);
        Assert.Contains("23:30", publishedEntry.TextContent, StringComparison.Ordinal);
        Assert.NotNull(publishedEntry.QuerySelector($"a[href='/Messages/{published}']"));
        var scheduledEntry = page.QuerySelector($"td[data-day='2027-06-12'] [data-entry='{scheduled}']");
        Assert.NotNull(scheduledEntry);
        Assert.Contains("00:30", scheduledEntry.TextContent, StringComparison.Ordinal);
        Assert.Contains("Programmé", scheduledEntry.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"[data-entry='{draft}']"));
        Assert.Null(page.QuerySelector($"[data-entry='{of35}']"));
        Assert.Equal(7, page.QuerySelectorAll("td[data-day]").Length);
    }

    [Fact]
    public async Task The_month_view_covers_whole_weeks_and_a_national_admin_filters_by_department()
    {
        var of35 = await OfficerTestData.AddAsync(factory, DemoUsers.Department35, MessageTestData.Prevention, "Du 35 " + Guid.NewGuid(), MessageStatus.Published, Published, authorEmail: DemoUsers.Officer35);
        var of44 = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.Prevention, "Du 44 " + Guid.NewGuid(), MessageStatus.Published, Published);
        using var admin = factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        var all = await admin.GetPageAsync("/Calendar?view=month&date=2027-06-10");
        Assert.NotNull(all.QuerySelector($"[data-entry='{of35}']"));
        Assert.NotNull(all.QuerySelector($"[data-entry='{of44}']"));
        Assert.Equal(35, all.QuerySelectorAll("td[data-day]").Length); // 1 June 2027 is a Tuesday: Monday 31 May to Sunday 4 July
        var only35 = await admin.GetPageAsync($"/Calendar?view=month&date=2027-06-10&departmentId={DemoUsers.Department35}");
        Assert.NotNull(only35.QuerySelector($"[data-entry='{of35}']"));
        Assert.Null(only35.QuerySelector($"[data-entry='{of44}']"));
    }

    [Fact]
    public async Task An_officer_of_44_cannot_filter_on_35()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        using var response = await client.GetAsync($"/Calendar?departmentId={DemoUsers.Department35}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Ranges_start_on_monday()
    {
        var week = CalendarRange.Week(new DateOnly(2026, 6, 14));
        Assert.Equal((new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 14)), (week.FirstDay, week.LastDay));
        var month = CalendarRange.Month(new DateOnly(2026, 2, 10));
        Assert.Equal(DayOfWeek.Monday, month.FirstDay.DayOfWeek);
        Assert.Equal(DayOfWeek.Sunday, month.LastDay.DayOfWeek);
        Assert.Equal(new DateOnly(2026, 3, 1), month.Next);
    }
}
