using PoliceFeeds.Core.Rollout;

namespace PoliceFeeds.UnitTests.Rollout;

public sealed class NationalDashboardTests
{
    private static DateTime Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static readonly DashboardDepartment Paris44 = new(1, "44", "Loire-Atlantique", "DIPN 44", "Europe/Paris", Paused: false, AccountToReconnect: false);

    private static readonly DashboardDepartment Guadeloupe = new(2, "971", "Guadeloupe", "DDPN 971", "America/Guadeloupe", Paused: true, AccountToReconnect: true);

    private static readonly DashboardDepartment Noumea = new(3, "988", "Nouvelle-Calédonie", "DTPN 988", "Pacific/Noumea", Paused: false, AccountToReconnect: false);

    [Fact]
    public void Monday_0030_in_Paris_starts_a_new_day_and_week_in_Paris_but_not_in_Guadeloupe()
    {
        var now = Utc(12, 6, 23, 30); // Monday 7 December 00:30 in Paris, Sunday 19:30 in Guadeloupe
        var paris = LocalPeriods.At(now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.Equal(Utc(12, 6, 23, 0), paris.TodayStartUtc);
        Assert.Equal(Utc(12, 7, 23, 0), paris.TodayEndUtc);
        Assert.Equal(Utc(12, 6, 23, 0), paris.WeekStartUtc);
        Assert.Equal(Utc(12, 13, 23, 0), paris.WeekEndUtc);

        var guadeloupe = LocalPeriods.At(now, TimeZoneInfo.FindSystemTimeZoneById("America/Guadeloupe"));
        Assert.Equal(Utc(12, 6, 4, 0), guadeloupe.TodayStartUtc);
        Assert.Equal(Utc(11, 30, 4, 0), guadeloupe.WeekStartUtc);
    }

    [Fact]
    public void Sunday_2330_in_Paris_still_counts_the_whole_week_from_monday()
    {
        var paris = LocalPeriods.At(Utc(12, 13, 22, 30), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.Equal(Utc(12, 13, 23, 0) - TimeSpan.FromDays(1), paris.TodayStartUtc);
        Assert.Equal(Utc(12, 6, 23, 0), paris.WeekStartUtc);
        Assert.True(paris.IsThisWeek(Utc(12, 6, 23, 10)));
        Assert.False(paris.IsToday(Utc(12, 6, 23, 10)));
    }

    [Fact]
    public void A_day_of_daylight_saving_change_lasts_23_hours_in_Paris()
    {
        var paris = LocalPeriods.At(Utc(3, 29, 12, 0), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.Equal(TimeSpan.FromHours(23), paris.TodayEndUtc - paris.TodayStartUtc);
        Assert.Equal(Utc(3, 28, 23, 0), paris.TodayStartUtc);
    }

    [Fact]
    public void Deliveries_count_in_their_department_s_own_day_and_week()
    {
        var now = Utc(12, 6, 23, 30); // Monday 00:30 in Paris
        var rows = NationalDashboard.Build(
            now,
            [Paris44, Guadeloupe, Noumea],
            [
                new(1, Utc(12, 6, 23, 10), null, false),   // Monday 00:10 Paris: today, this week
                new(1, Utc(12, 6, 22, 45), null, false),   // Sunday 23:45 Paris: last week
                new(1, null, Utc(12, 6, 23, 20), true),    // failed Monday 00:20 Paris
                new(2, Utc(12, 6, 20, 0), null, false),    // Sunday 16:00 Guadeloupe: its today
                new(2, Utc(12, 1, 12, 0), null, false),    // Tuesday 1 Dec in Guadeloupe: its week
                new(3, Utc(12, 6, 12, 0), null, false),    // Sunday 23:00 Nouméa: its last week (Monday 10:30 there now)
            ],
            new Dictionary<int, int> { [1] = 4 },
            new Dictionary<int, int> { [2] = 1 });

        var paris = rows.Single(r => r.Department.Code == "44");
        Assert.Equal(new DayAndWeek(1, 1), paris.Posted);
        Assert.Equal(new DayAndWeek(1, 1), paris.Failed);
        Assert.Equal(4, paris.AwaitingValidation);
        Assert.True(paris.NeedsAttention);

        var guadeloupe = rows.Single(r => r.Department.Code == "971");
        Assert.Equal(new DayAndWeek(1, 2), guadeloupe.Posted);
        Assert.Equal(1, guadeloupe.TakedownsInProgress);
        Assert.Equal(0, guadeloupe.AwaitingValidation);

        var noumea = rows.Single(r => r.Department.Code == "988");
        Assert.Equal(new DayAndWeek(0, 0), noumea.Posted);
        Assert.False(noumea.NeedsAttention);
    }

    [Fact]
    public void Instants_after_now_count_for_no_period_yet()
    {
        var now = Utc(12, 7, 9, 0);
        var row = NationalDashboard.Build(now, [Paris44], [new(1, Utc(12, 7, 9, 1), null, false), new(1, null, Utc(12, 7, 10, 0), true)], new Dictionary<int, int>(), new Dictionary<int, int>()).Single();
        Assert.Equal((new DayAndWeek(0, 0), new DayAndWeek(0, 0)), (row.Posted, row.Failed));
    }

    [Fact]
    public void The_earliest_week_start_is_the_westernmost_department_s()
    {
        var now = Utc(12, 6, 23, 30);
        Assert.Equal(Utc(11, 30, 4, 0), NationalDashboard.EarliestWeekStartUtc(now, ["Europe/Paris", "America/Guadeloupe", "Pacific/Noumea"]));
    }
}
