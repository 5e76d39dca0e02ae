using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.Infrastructure.Seeding;

/// <summary>
/// Reference data every installation has, written by the migrations themselves (EF Core HasData): the five pilot
/// departments with a sandbox account each, and the categories of the pilot.
/// </summary>
public static class PilotSeed
{
    public static IReadOnlyList<Department> Departments { get; } =
    [
        new() { Id = 1, Code = "44", ServiceName = "Police nationale 44", Name = "Loire-Atlantique", TimeZoneId = "Europe/Paris" },
        new() { Id = 2, Code = "35", ServiceName = "Police nationale 35", Name = "Ille-et-Vilaine", TimeZoneId = "Europe/Paris" },
        new() { Id = 3, Code = "62", ServiceName = "Police nationale 62", Name = "Pas-de-Calais", TimeZoneId = "Europe/Paris" },
        new() { Id = 4, Code = "67", ServiceName = "Police nationale 67", Name = "Bas-Rhin", TimeZoneId = "Europe/Paris" },
        new() { Id = 5, Code = "06", ServiceName = "Police nationale 06", Name = "Alpes-Maritimes", TimeZoneId = "Europe/Paris" },
    ];

    public static IReadOnlyList<PublishingAccount> Accounts { get; } = Departments
        .Select(d => new PublishingAccount
        {
            Id = d.Id,
            DepartmentId = d.Id,
            Handle = "PoliceNat" + d.Code,
            Mode = AccountMode.Sandbox,
            State = AccountState.Connected,
            AuthKind = AccountAuthKind.None,
        })
        .ToList();

    public static IReadOnlyList<Category> Categories { get; } =
    [
        new() { Id = 1, Key = CategoryKeys.Prevention, Label = "Prévention", SuggestedHashtags = "#Prévention", SortOrder = 1 },
        new() { Id = 2, Key = CategoryKeys.PublicAdvice, Label = "Conseils à la population", SuggestedHashtags = "#Conseils #Sécurité", SortOrder = 2 },
        new() { Id = 3, Key = CategoryKeys.SolvedCases, Label = "Bilan d'affaires judiciaires élucidées", SuggestedHashtags = "#Enquête", RequiresValidation = true, SortOrder = 3 },
        new() { Id = 4, Key = CategoryKeys.MissingPerson, Label = "Disparition inquiétante", SuggestedHashtags = "#AppelATémoins #DisparitionInquiétante", RequiresValidation = true, SortOrder = 4 },
        new() { Id = 5, Key = CategoryKeys.RoadDeviation, Label = "Déviation routière / intempéries", SuggestedHashtags = "#Déviation #Intempéries", SortOrder = 5 },
        new() { Id = 6, Key = CategoryKeys.RoadCheck, Label = "Contrôle routier", SuggestedHashtags = "#SécuritéRoutière", SortOrder = 6 },
        new() { Id = 7, Key = CategoryKeys.ServiceLife, Label = "Vie du service", SuggestedHashtags = "#VieDuService", SortOrder = 7 },
    ];
}
