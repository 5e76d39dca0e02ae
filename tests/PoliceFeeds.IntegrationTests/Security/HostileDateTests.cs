using System.Net;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.TimeBound;

namespace PoliceFeeds.IntegrationTests.Security;

/// <summary>
/// Dates at the ends of what .NET can hold (year 1, year 9999) and other out-of-range days in every date and month
/// parameter of every page: the calendar's day, the department home's and the audit trail's filters, the report's
/// period and the compose page's schedule and end time. Every case: never a 500; a page answers with its range clamped
/// or a French message, and a refused form stores nothing.
/// </summary>
public sealed class HostileDateTests(HostileFormsFixture fixture) : IClassFixture<HostileFormsFixture>
{
    private static readonly string[] EnglishErrors = ["is not valid", "must not", "is required", "The value", "Exception"];

    public static TheoryData<string> OfficerUrls => new()
    {
        "/Calendar?view=month&date=0001-01-01",
        "/Calendar?date=0001-01-01",
        "/Calendar?date=0001-01-02",
        "/Calendar?view=week&date=0001-01-08",
        "/Calendar?view=week&date=9999-12-27",
        "/Calendar?view=week&date=9999-12-31",
        "/Calendar?view=month&date=9999-12-01",
        "/Calendar?view=month&date=9999-12-31",
        "/Calendar?view=month&date=1999-12-31",
        "/Calendar?view=week&date=2101-01-01",
        "/Calendar?view=month&date=2026-02-30",
        "/Calendar?view=month&date=10000-01-01",
        "/Calendar?view=week&date=-0001-01-01",
        "/Calendar?view=month&date=abc",
        "/Messages?to=9999-12-31",
        "/Messages?from=9999-12-31",
        "/Messages?from=0001-01-01",
        "/Messages?to=0001-01-01",
        "/Messages?from=0001-01-01&to=9999-12-31",
        "/Messages?from=9999-12-31&to=0001-01-01",
        "/Messages?from=2026-02-30&to=10000-01-01",
    };

    public static TheoryData<string> AdminUrls => new()
    {
        "/Calendar?view=month&date=0001-01-01",
        "/Calendar?view=week&date=9999-12-31&departmentId=2",
        "/Admin/Audit?from=0001-01-01",
        "/Admin/Audit?to=9999-12-31",
        "/Admin/Audit?from=9999-12-31&to=0001-01-01",
        "/Admin/Audit?from=0001-01-01&to=9999-12-31",
        "/Admin/Audit?from=2026-02-30&to=10000-01-01",
        "/Admin/Audit?handler=Export&to=9999-12-31",
        "/Admin/Audit?handler=Export&from=0001-01-01&to=9999-12-31",
        "/Report?from=0001-01&to=9999-12",
        "/Report?from=0001-01",
        "/Report?to=0001-01",
        "/Report?from=9999-12",
        "/Report?to=9999-12",
        "/Report?from=2100-12",
        "/Report?to=2000-01",
        "/Report?from=2026-13&to=10000-01",
        "/Report?handler=Export&from=0001-01&to=9999-12",
        "/Report?handler=Export&to=9999-12",
    };

    [Theory]
    [MemberData(nameof(OfficerUrls))]
    public async Task Out_of_range_dates_in_an_officers_pages_never_give_a_500(string url) => await AssertAnsweredAsync(fixture.Officer62, url);

    [Theory]
    [MemberData(nameof(AdminUrls))]
    public async Task Out_of_range_dates_in_the_calendar_audit_and_report_never_give_a_500(string url) => await AssertAnsweredAsync(fixture.Admin, url);

    private static async Task AssertAnsweredAsync(TestClient client, string url)
    {
        using var response = await client.GetAsync(url);

        // The page with its range clamped, or (the report) the filters back with a French message.
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{url} answered {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.NotEmpty(await MessageTestData.ErrorsAsync(response));
        }

        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            var text = (await TestClient.ParseAsync(response)).Body!.TextContent;
            Assert.All(EnglishErrors, e => Assert.DoesNotContain(e, text, StringComparison.Ordinal));
        }
    }

    public static TheoryData<int, string?, string?> Schedules => new()
    {
        { TimeBoundTestData.Prevention, "0001-01-01T00:00", null },
        { TimeBoundTestData.Prevention, "9999-12-31T23:59", null },
        { TimeBoundTestData.RoadDeviation, "9999-12-31T23:59", "9999-12-31T23:59" },
        { TimeBoundTestData.RoadDeviation, "9999-12-30T10:00", "9999-12-31T23:59" },
        { TimeBoundTestData.RoadDeviation, "0001-01-01T00:00", "0001-01-01T00:01" },
        { TimeBoundTestData.RoadDeviation, null, "9999-12-31T23:59" },
        { TimeBoundTestData.RoadDeviation, null, "0001-01-01T00:00" },
        { TimeBoundTestData.RoadDeviation, "0001-01-01T00:00", "9999-12-31T23:59" },
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public async Task Out_of_range_schedule_and_end_times_are_refused_in_french_and_store_nothing(int categoryId, string? scheduledLocal, string? endsLocal)
    {
        var before = await MessageTestData.CountMessagesAsync(fixture.Factory);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department62, categoryId, "Date hors limites " + Guid.NewGuid().ToString("N")[..8],
            scheduledLocal is null ? ScheduleMode.AsSoonAsValidated : ScheduleMode.At, scheduledLocal);
        if (endsLocal is not null)
        {
            form.Add(new StringContent(endsLocal), "Input.EndsLocal");
        }

        using var response = await fixture.Officer62.ComposeAsync(form, "Save", DemoUsers.Department62);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = await MessageTestData.ErrorsAsync(response);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.All(EnglishErrors, english => Assert.DoesNotContain(english, e, StringComparison.Ordinal)));
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(fixture.Factory));
    }
}
