namespace PoliceFeeds.Core.Scheduling;

/// <summary>
/// The place a department's time zone is named after, for "heure de Paris" / "heure de Mayotte" instead of the IANA id:
/// the zones of metropolitan France and the overseas departments and collectivities, then, for any other zone, its last
/// segment with spaces ("America/Port_of_Spain" → "Port of Spain").
/// </summary>
public static class TimeZonePlace
{
    public static string Of(string? timeZoneId) => timeZoneId switch
    {
        null or "" => "Paris",
        "Europe/Paris" => "Paris",
        "America/Guadeloupe" => "Guadeloupe",
        "America/Martinique" => "Martinique",
        "America/Cayenne" => "Guyane",
        "Indian/Reunion" => "La Réunion",
        "America/Miquelon" => "Saint-Pierre-et-Miquelon",
        "Indian/Mayotte" => "Mayotte",
        "Pacific/Noumea" => "Nouvelle-Calédonie",
        "Pacific/Tahiti" => "Tahiti",
        "Pacific/Wallis" => "Wallis-et-Futuna",
        "America/St_Barthelemy" => "Saint-Barthélemy",
        "America/Marigot" => "Saint-Martin",
        _ => timeZoneId[(timeZoneId.LastIndexOf('/') + 1)..].Replace('_', ' '),
    };
}
