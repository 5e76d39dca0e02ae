using PoliceFeeds.Core.Scheduling;

namespace PoliceFeeds.UnitTests.Scheduling;

public sealed class DepartmentTimeTests
{
    [Fact]
    public void Paris_winter_time_is_utc_plus_one()
    {
        var result = DepartmentTime.ToUtc(new DateTime(2026, 1, 15, 10, 0, 0), "Europe/Paris");

        Assert.Equal(LocalTimeProblem.None, result.Problem);
        Assert.Equal(new DateTime(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc), result.Utc);
    }

    [Fact]
    public void Paris_summer_time_is_utc_plus_two()
    {
        var result = DepartmentTime.ToUtc(new DateTime(2026, 7, 14, 10, 0, 0), "Europe/Paris");

        Assert.Equal(new DateTime(2026, 7, 14, 8, 0, 0, DateTimeKind.Utc), result.Utc);
    }

    [Fact]
    public void Half_past_two_on_the_spring_forward_night_does_not_exist_in_Paris()
    {
        var result = DepartmentTime.ToUtc(new DateTime(2026, 3, 29, 2, 30, 0), "Europe/Paris");

        Assert.Equal(LocalTimeProblem.DoesNotExist, result.Problem);
        Assert.Null(result.Utc);
    }

    [Fact]
    public void Half_past_two_on_the_fall_back_night_is_ambiguous_in_Paris()
    {
        var result = DepartmentTime.ToUtc(new DateTime(2026, 10, 25, 2, 30, 0), "Europe/Paris");

        Assert.Equal(LocalTimeProblem.Ambiguous, result.Problem);
    }

    [Fact]
    public void Reunion_has_no_daylight_saving_and_is_utc_plus_four()
    {
        var result = DepartmentTime.ToUtc(new DateTime(2026, 3, 29, 2, 30, 0), "Indian/Reunion");

        Assert.Equal(LocalTimeProblem.None, result.Problem);
        Assert.Equal(new DateTime(2026, 3, 28, 22, 30, 0, DateTimeKind.Utc), result.Utc);
    }

    [Fact]
    public void An_unknown_zone_is_reported() =>
        Assert.Equal(LocalTimeProblem.UnknownTimeZone, DepartmentTime.ToUtc(new DateTime(2026, 1, 1), "Mars/Olympus").Problem);

    [Fact]
    public void Utc_is_shown_in_the_department_time_zone() =>
        Assert.Equal(new DateTime(2026, 7, 14, 10, 0, 0), DepartmentTime.ToLocal(new DateTime(2026, 7, 14, 8, 0, 0, DateTimeKind.Utc), "Europe/Paris"));
}
