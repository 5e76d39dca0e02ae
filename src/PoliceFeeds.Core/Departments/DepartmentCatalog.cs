namespace PoliceFeeds.Core.Departments;

/// <summary>One entry of the official list: code, official name, IANA time zone.</summary>
public sealed record DepartmentEntry(string Code, string Name, string TimeZoneId);

/// <summary>
/// Every department PoliceFeeds can serve: the 96 metropolitan departments (Corsica as 2A and 2B), the five overseas
/// departments (971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte) and the overseas
/// collectivities with a Police nationale directorate (975 Saint-Pierre-et-Miquelon, 977 Saint-Barthélemy, 978
/// Saint-Martin, 987 Polynésie française, 988 Nouvelle-Calédonie). Wallis-et-Futuna (986) is left out: public safety
/// there is the Gendarmerie's, with no Police nationale directorate (see docs/decisions/0004-every-department-listed.md).
/// </summary>
public static class DepartmentCatalog
{
    private const string Paris = "Europe/Paris";

    public static IReadOnlyList<DepartmentEntry> All { get; } =
    [
        new("01", "Ain", Paris),
        new("02", "Aisne", Paris),
        new("03", "Allier", Paris),
        new("04", "Alpes-de-Haute-Provence", Paris),
        new("05", "Hautes-Alpes", Paris),
        new("06", "Alpes-Maritimes", Paris),
        new("07", "Ardèche", Paris),
        new("08", "Ardennes", Paris),
        new("09", "Ariège", Paris),
        new("10", "Aube", Paris),
        new("11", "Aude", Paris),
        new("12", "Aveyron", Paris),
        new("13", "Bouches-du-Rhône", Paris),
        new("14", "Calvados", Paris),
        new("15", "Cantal", Paris),
        new("16", "Charente", Paris),
        new("17", "Charente-Maritime", Paris),
        new("18", "Cher", Paris),
        new("19", "Corrèze", Paris),
        new("2A", "Corse-du-Sud", Paris),
        new("2B", "Haute-Corse", Paris),
        new("21", "Côte-d'Or", Paris),
        new("22", "Côtes-d'Armor", Paris),
        new("23", "Creuse", Paris),
        new("24", "Dordogne", Paris),
        new("25", "Doubs", Paris),
        new("26", "Drôme", Paris),
        new("27", "Eure", Paris),
        new("28", "Eure-et-Loir", Paris),
        new("29", "Finistère", Paris),
        new("30", "Gard", Paris),
        new("31", "Haute-Garonne", Paris),
        new("32", "Gers", Paris),
        new("33", "Gironde", Paris),
        new("34", "Hérault", Paris),
        new("35", "Ille-et-Vilaine", Paris),
        new("36", "Indre", Paris),
        new("37", "Indre-et-Loire", Paris),
        new("38", "Isère", Paris),
        new("39", "Jura", Paris),
        new("40", "Landes", Paris),
        new("41", "Loir-et-Cher", Paris),
        new("42", "Loire", Paris),
        new("43", "Haute-Loire", Paris),
        new("44", "Loire-Atlantique", Paris),
        new("45", "Loiret", Paris),
        new("46", "Lot", Paris),
        new("47", "Lot-et-Garonne", Paris),
        new("48", "Lozère", Paris),
        new("49", "Maine-et-Loire", Paris),
        new("50", "Manche", Paris),
        new("51", "Marne", Paris),
        new("52", "Haute-Marne", Paris),
        new("53", "Mayenne", Paris),
        new("54", "Meurthe-et-Moselle", Paris),
        new("55", "Meuse", Paris),
        new("56", "Morbihan", Paris),
        new("57", "Moselle", Paris),
        new("58", "Nièvre", Paris),
        new("59", "Nord", Paris),
        new("60", "Oise", Paris),
        new("61", "Orne", Paris),
        new("62", "Pas-de-Calais", Paris),
        new("63", "Puy-de-Dôme", Paris),
        new("64", "Pyrénées-Atlantiques", Paris),
        new("65", "Hautes-Pyrénées", Paris),
        new("66", "Pyrénées-Orientales", Paris),
        new("67", "Bas-Rhin", Paris),
        new("68", "Haut-Rhin", Paris),
        new("69", "Rhône", Paris),
        new("70", "Haute-Saône", Paris),
        new("71", "Saône-et-Loire", Paris),
        new("72", "Sarthe", Paris),
        new("73", "Savoie", Paris),
        new("74", "Haute-Savoie", Paris),
        new("75", "Paris", Paris),
        new("76", "Seine-Maritime", Paris),
        new("77", "Seine-et-Marne", Paris),
        new("78", "Yvelines", Paris),
        new("79", "Deux-Sèvres", Paris),
        new("80", "Somme", Paris),
        new("81", "Tarn", Paris),
        new("82", "Tarn-et-Garonne", Paris),
        new("83", "Var", Paris),
        new("84", "Vaucluse", Paris),
        new("85", "Vendée", Paris),
        new("86", "Vienne", Paris),
        new("87", "Haute-Vienne", Paris),
        new("88", "Vosges", Paris),
        new("89", "Yonne", Paris),
        new("90", "Territoire de Belfort", Paris),
        new("91", "Essonne", Paris),
        new("92", "Hauts-de-Seine", Paris),
        new("93", "Seine-Saint-Denis", Paris),
        new("94", "Val-de-Marne", Paris),
        new("95", "Val-d'Oise", Paris),
        new("971", "Guadeloupe", "America/Guadeloupe"),
        new("972", "Martinique", "America/Martinique"),
        new("973", "Guyane", "America/Cayenne"),
        new("974", "La Réunion", "Indian/Reunion"),
        new("975", "Saint-Pierre-et-Miquelon", "America/Miquelon"),
        new("976", "Mayotte", "Indian/Mayotte"),
        new("977", "Saint-Barthélemy", "America/St_Barthelemy"),
        new("978", "Saint-Martin", "America/Marigot"),
        new("987", "Polynésie française", "Pacific/Tahiti"),
        new("988", "Nouvelle-Calédonie", "Pacific/Noumea"),
    ];

    private static readonly Dictionary<string, DepartmentEntry> ByCode = All.ToDictionary(d => d.Code, StringComparer.Ordinal);

    public static DepartmentEntry? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var entry) ? entry : null;

    /// <summary>The name shown for a department until a national admin sets its directorate's own (for example "DIPN 44").</summary>
    public static string DefaultServiceName(string code) => "Police nationale " + code;
}
