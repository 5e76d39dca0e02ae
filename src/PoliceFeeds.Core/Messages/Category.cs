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

/// <summary>Who must validate: the department, or the category, may require it.</summary>
public static class ValidationPolicy
{
    public static bool IsRequired(bool departmentRequiresValidation, bool categoryRequiresValidation) =>
        departmentRequiresValidation || categoryRequiresValidation;
}
