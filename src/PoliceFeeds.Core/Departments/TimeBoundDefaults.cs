namespace PoliceFeeds.Core.Departments;

/// <summary>What the publisher does with a road deviation's post when the deviation ends.</summary>
public enum DeviationEndAction
{
    /// <summary>Posts the department's "fin de la déviation" text as a reply to the original post.</summary>
    Reply = 0,

    /// <summary>Deletes the original post.</summary>
    Delete = 1,
}

/// <summary>Defaults of the time-bound message settings of a department, and the limits an administrator may set.</summary>
public static class TimeBoundDefaults
{
    public const string DeviationEndTemplate = "Fin de la déviation ({date} à {heure}) : la circulation est rétablie. Merci de votre patience et de votre prudence.";

    public const string FoundThanksTemplate = "La personne qui faisait l'objet de notre appel à témoins a été retrouvée. Merci à toutes et à tous pour vos partages et vos signalements.";

    public const int RedactFoundAppealsAfterDays = 30;

    public const int FlagOpenAppealsAfterDays = 7;

    public const int MaxDays = 3650;

    public const int MaxTemplateLength = 1000;

    /// <summary>Fills the deviation-end template with the local end time (placeholders <c>{date}</c> and <c>{heure}</c>).</summary>
    public static string FillDeviationEnd(string template, DateTime localEnd) => template
        .Replace("{date}", localEnd.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{heure}", localEnd.ToString("HH'h'mm", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
