using PoliceFeeds.Core.Departments;

namespace PoliceFeeds.UnitTests.Departments;

public sealed class DepartmentCodeTests
{
    [Theory]
    [InlineData("01")]
    [InlineData("06")]
    [InlineData("19")]
    [InlineData("21")]
    [InlineData("44")]
    [InlineData("95")]
    [InlineData("2A")]
    [InlineData("2B")]
    [InlineData("971")]
    [InlineData("976")]
    [InlineData("975")]
    [InlineData("977")]
    [InlineData("978")]
    [InlineData("987")]
    [InlineData("988")]
    public void Accepts_french_department_codes(string code) => Assert.True(DepartmentCode.IsValid(code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("00")]
    [InlineData("20")]
    [InlineData("96")]
    [InlineData("2C")]
    [InlineData("2a")]
    [InlineData("970")]
    [InlineData("979")]
    [InlineData("986")]
    [InlineData("984")]
    [InlineData("6")]
    [InlineData("044")]
    [InlineData("٤٤")]
    public void Refuses_anything_else(string? code) => Assert.False(DepartmentCode.IsValid(code));

    [Fact]
    public void Normalize_upper_cases_and_trims() => Assert.Equal("2A", DepartmentCode.Normalize(" 2a "));

    [Theory]
    [InlineData("44", "Europe/Paris")]
    [InlineData("974", "Indian/Reunion")]
    [InlineData("971", "America/Guadeloupe")]
    public void Overseas_departments_have_their_own_time_zone(string code, string timeZone) =>
        Assert.Equal(timeZone, DepartmentCode.DefaultTimeZoneFor(code));
}
