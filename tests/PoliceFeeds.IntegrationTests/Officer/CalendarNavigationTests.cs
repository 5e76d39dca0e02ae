using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Officer;

/// <summary>
/// The app on a fixed clock, with department 62 turned into Mayotte (UTC+3) so that a department far from Paris
/// has an officer of its own.
/// </summary>
public sealed class CalendarClockFixture : IAsyncLifetime
{
    public const int Mayotte = DemoUsers.Department62;

    public static readonly string MayotteOfficer = DemoUsers.Officer62;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    public PoliceFeedsAppFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        Factory.Settings["Publishing:RunHostedService"] = "false";
        Factory.ServiceOverrides.Add(s => s.AddSingleton<TimeProvider>(Clock));
        await using var scope = Factory.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().Departments.Where(d => d.Id == Mayotte)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Name, "Mayotte").SetProperty(d => d.TimeZoneId, "Indian/Mayotte"));
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// The calendar's links keep the day in view, whatever the date: "Semaine" from a month opens the week of today when
/// today is in that month (else the month's first week), "Mois" from a week opens that week's month, "Aujourd'hui"
/// always shows today. Each case at a fixed instant, today's message on today's cell after every link (the clock is
/// set with AdjustTime, as the cases go back and forth in time).
/// </summary>
public sealed class CalendarNavigationTests(CalendarClockFixture fixture) : IClassFixture<CalendarClockFixture>
{
    private PoliceFeedsAppFactory Factory => fixture.Factory;

    public static TheoryData<string, bool, string> Instants => new()
    {
        // UTC instant, Mayotte's officer (else 44's, Paris), today where the department is
        { "2026-12-07T09:00:00Z", false, "2026-12-07" },   // the issue's case: a Monday, the 7th
        { "2026-12-01T09:00:00Z", false, "2026-12-01" },   // the 1st
        { "2026-11-30T12:00:00Z", false, "2026-11-30" },   // the last day of a month, a Monday drawn in December's first row
        { "2028-02-29T12:00:00Z", false, "2028-02-29" },   // 29 February of a leap year, a Tuesday
        { "2026-12-31T22:30:00Z", false, "2026-12-31" },   // 23:30 on 31 December in Paris: still the 31st
        { "2026-12-31T22:30:00Z", true, "2027-01-01" },    // the same instant is 01:30 on 1 January in Mayotte
        { "2026-03-29T01:30:00Z", false, "2026-03-29" },   // 03:30 just after the clocks went forward in Paris (a Sunday)
        { "2026-10-25T23:30:00Z", false, "2026-10-26" },   // 00:30 on Monday in Paris after the clocks went back, still Sunday in UTC
        { "2026-10-25T21:30:00Z", true, "2026-10-26" },    // 00:30 on Monday in Mayotte, 22:30 on Sunday in Paris
        { "2027-05-31T20:59:00Z", true, "2027-05-31" },    // 23:59 on the last day of May in Mayotte
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public async Task Week_month_and_today_links_keep_today_in_view(string instant, bool mayotte, string todayText)
    {
        var now = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        fixture.Clock.AdjustTime(now);
        var today = DateOnly.ParseExact(todayText, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (department, officer) = mayotte ? (CalendarClockFixture.Mayotte, CalendarClockFixture.MayotteOfficer) : (DemoUsers.Department44, DemoUsers.Officer44);
        var id = await OfficerTestData.AddAsync(Factory, department, MessageTestData.Prevention, "Aujourd'hui " + Guid.NewGuid().ToString("N"), MessageStatus.Published, now.UtcDateTime, authorEmail: officer);
        using var client = Factory.CreateTestClient();
        await client.SignInAsync(officer);

        // The month of today, then "Semaine": the week of today.
        var month = await client.GetPageAsync("/Calendar?view=month");
        AssertTodayShown(month, today, id, inMonth: true);
        var week = await FollowAsync(client, month, "Semaine");
        Assert.Equal(7, week.QuerySelectorAll("td[data-day]").Length);
        AssertTodayShown(week, today, id, inMonth: false);

        // "Mois" from that week: today's month again.
        AssertTodayShown(await FollowAsync(client, week, "Mois"), today, id, inMonth: true);

        // Another month: "Semaine" opens its first week; "Aujourd'hui" comes back to today in either view.
        var later = new DateOnly(today.Year, today.Month, 1).AddMonths(3);
        var laterMonth = await client.GetPageAsync($"/Calendar?view=month&date={later:yyyy-MM-dd}");
        var laterWeek = await FollowAsync(client, laterMonth, "Semaine");
        Assert.NotNull(laterWeek.QuerySelector($"td[data-day='{later:yyyy-MM-dd}']"));
        AssertTodayShown(await FollowAsync(client, laterMonth, "Aujourd'hui"), today, id, inMonth: true);
        AssertTodayShown(await FollowAsync(client, laterWeek, "Aujourd'hui"), today, id, inMonth: false);
    }

    [Fact]
    public async Task Aujourd_hui_shows_the_day_it_is_when_followed_not_when_the_page_was_drawn()
    {
        // 23:30 on Sunday 25 October 2026 in Paris; the link is followed an hour later, on Monday.
        fixture.Clock.AdjustTime(new DateTimeOffset(2026, 10, 25, 22, 30, 0, TimeSpan.Zero));
        using var client = Factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var sunday = await client.GetPageAsync("/Calendar");
        Assert.NotNull(sunday.QuerySelector("td[data-day='2026-10-25']"));

        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var monday = await FollowAsync(client, sunday, "Aujourd'hui");

        Assert.NotNull(monday.QuerySelector("td[data-day='2026-10-26']"));
        Assert.Null(monday.QuerySelector("td[data-day='2026-10-25']"));
    }

    [Fact]
    public async Task An_officer_of_one_department_gets_no_filter_form_and_a_national_admin_gets_one_with_its_button()
    {
        using var officer = Factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        using var admin = Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        foreach (var url in new[] { "/Calendar", "/Calendar?view=month" })
        {
            var page = await officer.GetPageAsync(url);
            Assert.Null(page.QuerySelector("[data-testid=calendar-filter]"));
            Assert.All(page.QuerySelectorAll("main form"), f => Assert.NotNull(f.QuerySelector("button[type=submit], input[type=submit]")));

            var filter = (await admin.GetPageAsync(url)).QuerySelector("[data-testid=calendar-filter]");
            Assert.NotNull(filter);
            Assert.NotNull(filter.QuerySelector("select#departmentId"));
            Assert.NotNull(filter.QuerySelector("button[type=submit]"));
        }

        // Filtering December keeps December (its grid starts on Monday 30 November).
        var december = await admin.GetPageAsync("/Calendar?view=month&date=2026-12-15");
        Assert.Equal("2026-12-01", december.QuerySelector("[data-testid=calendar-filter] input[name=date]")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("/Calendar?view=month&date=0001-01-01", "1999-12-27", "2000-02-06")]
    [InlineData("/Calendar?date=0001-01-02", "1999-12-27", "2000-01-02")]
    [InlineData("/Calendar?view=week&date=9999-12-27", "2100-12-27", "2101-01-02")]
    [InlineData("/Calendar?view=month&date=9999-12-01", "2100-11-29", "2101-01-02")]
    public async Task A_day_out_of_the_calendars_range_shows_the_nearest_one_with_a_french_notice(string url, string firstDay, string lastDay)
    {
        using var client = Factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        var page = await client.GetPageAsync(url);

        var days = page.QuerySelectorAll("td[data-day]").Select(td => td.GetAttribute("data-day")).ToList();
        Assert.Equal(firstDay, days[0]);
        Assert.Equal(lastDay, days[^1]);
        var notice = page.QuerySelector("[data-testid=calendar-clamped]");
        Assert.NotNull(notice);
        Assert.Contains("hors de la période", notice.TextContent, StringComparison.Ordinal);
        // No link leads past the range.
        var bound = url.Contains("0001", StringComparison.Ordinal) ? "calendar-previous" : "calendar-next";
        Assert.Null(page.QuerySelector($"[data-testid={bound}]"));
    }

    private static void AssertTodayShown(IHtmlDocument page, DateOnly today, long id, bool inMonth)
    {
        var cell = page.QuerySelector($"td[data-day='{today:yyyy-MM-dd}']");
        Assert.True(cell is not null, $"{today:yyyy-MM-dd} not drawn in {string.Join(' ', page.QuerySelectorAll("td[data-day]").Select(td => td.GetAttribute("data-day")))}");
        Assert.NotNull(cell.QuerySelector($"[data-entry='{id}']"));
        if (inMonth)
        {
            // Today's month, not a neighbour that draws today in its first or last row.
            Assert.DoesNotContain("pf-calendar__outside", cell.ClassName ?? "", StringComparison.Ordinal);
        }
    }

    private static async Task<IHtmlDocument> FollowAsync(TestClient client, IHtmlDocument page, string linkText)
    {
        var link = page.QuerySelectorAll("nav a").Single(a => a.TextContent.Trim() == linkText);
        return await client.GetPageAsync(link.GetAttribute("href")!);
    }
}
