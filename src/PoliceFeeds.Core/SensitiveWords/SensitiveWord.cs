namespace PoliceFeeds.Core.SensitiveWords;

/// <summary>
/// A word or phrase that forces validation of any message whose text contains it (see <see cref="SensitiveWordMatcher"/>
/// and <see cref="Messages.ValidationPolicy"/>): on the national list (no department) or added by one department.
/// </summary>
public class SensitiveWord
{
    public const int MaxPhraseLength = 100;

    public int Id { get; set; }

    /// <summary>The department that added it; null for the national list, which applies to every department.</summary>
    public int? DepartmentId { get; set; }

    /// <summary>The word or phrase as the administrator typed it (trimmed, single spaces), shown to officers and validators.</summary>
    public required string Phrase { get; set; }

    /// <summary><see cref="Phrase"/> as the matcher compares it (<see cref="SensitiveWordMatcher.Key"/>): unique per list.</summary>
    public required string Key { get; set; }

    public required string CreatedById { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The phrase as stored: trimmed, with single spaces.</summary>
    public static string Clean(string? phrase) =>
        string.Join(' ', (phrase ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
