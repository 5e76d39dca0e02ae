namespace PoliceFeeds.Core.Messages;

/// <summary>A kind of message (prevention, missing person, road deviation...), with its suggested hashtags.</summary>
public class Category
{
    public int Id { get; set; }

    /// <summary>Stable key used in code and exports (for example "missing-person").</summary>
    public required string Key { get; set; }

    /// <summary>French label shown to officers.</summary>
    public required string Label { get; set; }

    /// <summary>Hashtags suggested while composing, separated by spaces (for example "#Prévention #Sécurité").</summary>
    public string SuggestedHashtags { get; set; } = "";

    /// <summary>Whether a second person must validate messages of this category in every department.</summary>
    public bool RequiresValidation { get; set; }

    public int SortOrder { get; set; }

    public bool IsActive { get; set; } = true;
}

/// <summary>The categories of the pilot, by key.</summary>
public static class CategoryKeys
{
    public const string Prevention = "prevention";
    public const string PublicAdvice = "public-advice";
    public const string SolvedCases = "solved-cases";
    public const string MissingPerson = "missing-person";
    public const string RoadDeviation = "road-deviation";
    public const string RoadCheck = "road-check";
    public const string ServiceLife = "service-life";
}

/// <summary>
/// Who must validate: the department, or the category, may require it, and so does any sensitive word of the text
/// (the national list and the department's own, found by <see cref="SensitiveWords.SensitiveWordMatcher"/>). Every
/// place that decides or says whether a message goes to a validator asks <see cref="Decide"/>.
/// </summary>
public static class ValidationPolicy
{
    public static ValidationRequirement Decide(bool departmentRequiresValidation, bool categoryRequiresValidation, IReadOnlyList<string> sensitiveWordsFound) =>
        new(departmentRequiresValidation, categoryRequiresValidation, sensitiveWordsFound);
}

/// <summary>Whether a message needs a validator, and every reason why (several may hold at once).</summary>
public sealed record ValidationRequirement(bool ByDepartment, bool ByCategory, IReadOnlyList<string> SensitiveWords)
{
    public bool IsRequired => ByDepartment || ByCategory || SensitiveWords.Count > 0;

    /// <summary>The sensitive words alone require it: neither the department nor the category does.</summary>
    public bool OnlyBySensitiveWords => !ByDepartment && !ByCategory && SensitiveWords.Count > 0;
}
