using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Core.Sessions;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Officer;
using PoliceFeeds.IntegrationTests.TimeBound;

namespace PoliceFeeds.IntegrationTests.Clock;

/// <summary>
/// The date-sensitive features through the pages, with the application's clock set to instants where dates go wrong:
/// the 1st, the 7th and the last day of a month, both daylight-saving nights in Paris, 29 February, New Year's Eve at
/// 23:30 in Paris, and a department in Mayotte (UTC+3, no daylight saving). Each instant gets a fresh application: the
/// calendar shows today, "Semaine" and "Mois" keep the day in view, a schedule typed in local time is stored at the
/// right instant, a deviation keeps its end, open appeals are counted in days, the report's default period is the last
/// three full months in the department's time zone, and a session ends after its idle limit.
/// </summary>
public sealed class AnyDayTests
{
    public static TheoryData<string, string, string> Instants => new()
    {
        // instant (UTC), time zone of department 44 for the run, what the instant is
        { "2027-01-01T08:00:00Z", "Europe/Paris", "the 1st of a month and of a year" },
        { "2026-12-07T09:00:00Z", "Europe/Paris", "the 7th (the suite's default instant)" },
        { "2027-04-30T20:00:00Z", "Europe/Paris", "the last day of a month, 22:00 in Paris" },
        { "2027-03-28T00:30:00Z", "Europe/Paris", "01:30 in Paris, half an hour before the spring switch" },
        { "2027-10-31T00:30:00Z", "Europe/Paris", "02:30 summer time in Paris, half an hour before the autumn switch" },
        { "2028-02-29T10:00:00Z", "Europe/Paris", "29 February" },
        { "2027-12-31T22:30:00Z", "Europe/Paris", "New Year's Eve, 23:30 in Paris" },
        { "2027-08-31T21:30:00Z", "Indian/Mayotte", "00:30 on 1 September in Mayotte, still 31 August in Paris" },
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public async Task Date_sensitive_pages_hold_at(string instant, string timeZone, string what)
    {
        Assert.NotEmpty(what);
        var start = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        await using var factory = new PoliceFeedsAppFactory();
        factory.Settings["Publishing:RunHostedService"] = "false";
        factory.Clock.SetUtcNow(start);
        await SetTimeZoneAsync(factory, DemoUsers.Department44, timeZone);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Now, zone).DateTime);

        using var officer = factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);

        await TheCalendarShowsTodayAsync(factory, officer, today);
        await AScheduleTypedInLocalTimeIsStoredAtItsInstantAsync(factory, officer, zone, today);
        await ADeviationKeepsItsEndAsync(factory, officer, zone, today);
        await OpenAppealsAreCountedInDaysAsync(factory, officer);
        await TheReportCoversTheLastThreeFullMonthsAsync(factory, today);

        // Last: the officer's session ends once the idle limit has passed on the app's clock.
        factory.Clock.Advance(SessionPolicy.IdleTimeout + TimeSpan.FromMinutes(1));
        using var expired = await officer.GetAsync("/Messages");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Contains("/Account/Login", expired.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static async Task TheCalendarShowsTodayAsync(PoliceFeedsAppFactory factory, TestClient officer, DateOnly today)
    {
        var published = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.Prevention, "Publié aujourd'hui " + Guid.NewGuid(), MessageStatus.Published, factory.UtcNow.AddMinutes(-1));
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var entry = $"td[data-day='{day}'] [data-entry='{published}']";

        var week = await officer.GetPageAsync("/Calendar");
        Assert.NotNull(week.QuerySelector(entry));
        var month = await officer.GetPageAsync("/Calendar?view=month");
        Assert.NotNull(month.QuerySelector(entry));

        // "Semaine" from this month, and "Aujourd'hui" from another month, come back to today.
        var weekLink = month.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Semaine").GetAttribute("href")!;
        Assert.NotNull((await officer.GetPageAsync(weekLink)).QuerySelector(entry));
        var farMonth = await officer.GetPageAsync($"/Calendar?view=month&date={today.AddMonths(-5):yyyy-MM-dd}");
        var todayLink = farMonth.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Aujourd'hui").GetAttribute("href")!;
        Assert.NotNull((await officer.GetPageAsync(todayLink)).QuerySelector(entry));
    }

    private static async Task AScheduleTypedInLocalTimeIsStoredAtItsInstantAsync(PoliceFeedsAppFactory factory, TestClient officer, TimeZoneInfo zone, DateOnly today)
    {
        // Tomorrow at 09:00 local: across the month, year and daylight-saving boundaries of the instants above.
        var local = today.AddDays(1).ToDateTime(new TimeOnly(9, 0));
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "Conseil programmé " + Guid.NewGuid(), ScheduleMode.At,
            local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));

        using var response = await officer.ComposeAsync(form, "Submit", DemoUsers.Department44);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await MessageTestData.LoadAsync(factory, MessageTestData.IdFromLocation(response));
        Assert.Equal(MessageStatus.Approved, saved.Status);
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(local, zone), saved.ScheduledAtUtc);
        Assert.Equal(saved.ScheduledAtUtc, saved.DueAtUtc);
    }

    private static async Task ADeviationKeepsItsEndAsync(PoliceFeedsAppFactory factory, TestClient officer, TimeZoneInfo zone, DateOnly today)
    {
        var endLocal = today.AddDays(1).ToDateTime(new TimeOnly(18, 0));
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, TimeBoundTestData.RoadDeviation, "Déviation : RD 178 fermée " + Guid.NewGuid());
        form.Add(new StringContent(endLocal.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)), "Input.EndsLocal");

        using var response = await officer.ComposeAsync(form, "Save", DemoUsers.Department44);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await MessageTestData.LoadAsync(factory, MessageTestData.IdFromLocation(response));
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(endLocal, zone), saved.EndsAtUtc);
    }

    private static async Task OpenAppealsAreCountedInDaysAsync(PoliceFeedsAppFactory factory, TestClient officer)
    {
        var old = await TimeBoundTestData.AddPublishedAsync(factory, DemoUsers.Department44, TimeBoundTestData.MissingPerson, "Appel ancien " + Guid.NewGuid(), factory.UtcNow.AddDays(-9), DemoUsers.Officer44);
        var recent = await TimeBoundTestData.AddPublishedAsync(factory, DemoUsers.Department44, TimeBoundTestData.MissingPerson, "Appel récent " + Guid.NewGuid(), factory.UtcNow.AddDays(-2), DemoUsers.Officer44);

        var home = await officer.GetPageAsync($"/Messages?departmentId={DemoUsers.Department44}");

        Assert.NotNull(home.QuerySelector($"tr[data-message-id='{old}'] [data-testid=open-appeal]"));
        Assert.Null(home.QuerySelector($"tr[data-message-id='{recent}'] [data-testid=open-appeal]"));
        Assert.Contains("Ouvert depuis 9 j", home.QuerySelector($"tr[data-message-id='{old}']")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task TheReportCoversTheLastThreeFullMonthsAsync(PoliceFeedsAppFactory factory, DateOnly today)
    {
        // The report's months are Paris months (a national report), whatever department 44's zone is.
        var parisToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
        Assert.InRange(parisToday.DayNumber - today.DayNumber, -1, 1);
        var lastFullMonth = new DateOnly(parisToday.Year, parisToday.Month, 1).AddMonths(-1);
        using var admin = factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        var report = await admin.GetPageAsync("/Report");

        Assert.Equal(lastFullMonth.AddMonths(-2).ToString("yyyy-MM", CultureInfo.InvariantCulture), report.QuerySelector("#from")!.GetAttribute("value"));
        Assert.Equal(lastFullMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture), report.QuerySelector("#to")!.GetAttribute("value"));
    }

    private static async Task SetTimeZoneAsync(PoliceFeedsAppFactory factory, int departmentId, string timeZone)
    {
        await using var scope = factory.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().Departments
            .Where(d => d.Id == departmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.TimeZoneId, timeZone));
    }
}
