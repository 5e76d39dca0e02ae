using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Scheduling;

namespace PoliceFeeds.UnitTests.Scheduling;

public sealed class TimeZonePlaceTests
{
    [Theory]
    [InlineData("Europe/Paris", "Paris")]
    [InlineData("Indian/Mayotte", "Mayotte")]
    [InlineData("Indian/Reunion", "La Réunion")]
    [InlineData("America/Cayenne", "Guyane")]
    [InlineData("America/Port_of_Spain", "Port of Spain")]
    [InlineData("UTC", "UTC")]
    [InlineData(null, "Paris")]
    public void A_zone_reads_as_the_place_it_is_named_after(string? zone, string place) => Assert.Equal(place, TimeZonePlace.Of(zone));

    [Theory]
    [InlineData("44")]
    [InlineData("971")]
    [InlineData("972")]
    [InlineData("973")]
    [InlineData("974")]
    [InlineData("975")]
    [InlineData("976")]
    public void Every_department_zone_has_a_place_name_not_an_identifier(string code)
    {
        var place = TimeZonePlace.Of(DepartmentCode.DefaultTimeZoneFor(code));
        Assert.DoesNotContain("/", place, StringComparison.Ordinal);
        Assert.DoesNotContain("_", place, StringComparison.Ordinal);
    }
}
