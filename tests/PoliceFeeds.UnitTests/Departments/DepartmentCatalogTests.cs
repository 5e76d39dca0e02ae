using PoliceFeeds.Core.Departments;

namespace PoliceFeeds.UnitTests.Departments;

public sealed class DepartmentCatalogTests
{
    [Fact]
    public void Lists_the_101_departments_and_five_collectivities()
    {
        Assert.Equal(106, DepartmentCatalog.All.Count);
        Assert.Equal(96, DepartmentCatalog.All.Count(d => d.Code.Length == 2));
        Assert.Equal(["971", "972", "973", "974", "975", "976", "977", "978", "987", "988"], DepartmentCatalog.All.Where(d => d.Code.Length == 3).Select(d => d.Code));
    }

    [Fact]
    public void Codes_and_names_are_unique()
    {
        Assert.Equal(DepartmentCatalog.All.Count, DepartmentCatalog.All.Select(d => d.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(DepartmentCatalog.All.Count, DepartmentCatalog.All.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_zone_is_an_IANA_id_this_machine_knows()
    {
        foreach (var entry in DepartmentCatalog.All)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(entry.TimeZoneId);
            Assert.Equal(entry.TimeZoneId, zone.Id);
        }
    }

    [Theory]
    [InlineData("01", "Ain", "Europe/Paris")]
    [InlineData("2A", "Corse-du-Sud", "Europe/Paris")]
    [InlineData("2B", "Haute-Corse", "Europe/Paris")]
    [InlineData("44", "Loire-Atlantique", "Europe/Paris")]
    [InlineData("90", "Territoire de Belfort", "Europe/Paris")]
    [InlineData("971", "Guadeloupe", "America/Guadeloupe")]
    [InlineData("972", "Martinique", "America/Martinique")]
    [InlineData("973", "Guyane", "America/Cayenne")]
    [InlineData("974", "La Réunion", "Indian/Reunion")]
    [InlineData("975", "Saint-Pierre-et-Miquelon", "America/Miquelon")]
    [InlineData("976", "Mayotte", "Indian/Mayotte")]
    [InlineData("977", "Saint-Barthélemy", "America/St_Barthelemy")]
    [InlineData("978", "Saint-Martin", "America/Marigot")]
    [InlineData("987", "Polynésie française", "Pacific/Tahiti")]
    [InlineData("988", "Nouvelle-Calédonie", "Pacific/Noumea")]
    public void A_code_has_its_official_name_and_zone(string code, string name, string zone) =>
        Assert.Equal(new DepartmentEntry(code, name, zone), DepartmentCatalog.Find(code));

    [Theory]
    [InlineData("20")]
    [InlineData("986")]
    [InlineData("2a")]
    [InlineData(null)]
    public void Codes_outside_the_list_are_not_found(string? code) => Assert.Null(DepartmentCatalog.Find(code));

    [Fact]
    public void The_five_pilot_departments_are_in_the_list_with_their_pilot_names()
    {
        foreach (var pilot in PoliceFeeds.Infrastructure.Seeding.PilotSeed.Departments)
        {
            Assert.Equal(new DepartmentEntry(pilot.Code, pilot.Name, pilot.TimeZoneId), DepartmentCatalog.Find(pilot.Code));
        }
    }
}
