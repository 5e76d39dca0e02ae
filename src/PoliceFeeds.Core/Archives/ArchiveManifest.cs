namespace PoliceFeeds.Core.Archives;

/// <summary>
/// The head of <c>manifest.json</c>, written before its entries: the format's version, the department, the period, when
/// and by whom it was made, what it covers and the counts of what follows.
/// </summary>
public sealed record ArchiveManifest(
    int Version,
    DateTime GeneratedAtUtc,
    string GeneratedBy,
    ArchiveDepartment Department,
    ArchivePeriodInfo Period,
    string Scope,
    string RedactionNote,
    ArchiveCounts Counts);

public sealed record ArchiveDepartment(string Code, string Name, string ServiceName, string TimeZone);

/// <summary>The days asked (in the department's time zone) and the UTC instants read: <see cref="ToUtcExclusive"/> is the period's end, or the export's time if earlier.</summary>
public sealed record ArchivePeriodInfo(string From, string To, string TimeZone, DateTime FromUtc, DateTime ToUtcExclusive);

/// <summary>
/// Posts (deliveries), distinct messages, photo files, redacted messages and taken-down posts of the period, and posts per
/// network.
/// </summary>
public sealed record ArchiveCounts(int Posts, int Messages, int Photos, int RedactedMessages, int TakenDown, IReadOnlyDictionary<string, int> PostsByNetwork);

public static class ArchiveScope
{
    /// <summary>What an archive holds, in its manifest's words.</summary>
    public const string Text =
        "Chaque publication envoyée sur un compte réel du département (X, Bluesky, Mastodon) pendant la période, dans l'heure du département ; "
        + "les publications du fil d'entraînement n'en font pas partie. Une entrée par publication : un message publié sur trois comptes donne trois entrées.";

    /// <summary>The manifest's general word on redaction.</summary>
    public const string RedactionNote =
        "Les avis de recherche clos (personne retrouvée) sont masqués après quelques jours : leur texte et leurs photos ne sont plus conservés "
        + "et ne figurent pas dans l'archive ; leur entrée le dit (champ « redaction ») et garde le reste (réseau, compte, heure, retrait, journal).";
}
