namespace PoliceFeeds.Core.Templates;

/// <summary>
/// A template an officer starts a message from: a category, a text and hashtags. A department's template is managed by
/// that department's validators and offered to its officers; a national one (no department) by the national admins and
/// offered to every department.
/// </summary>
public class MessageTemplate
{
    public const int MaxNameLength = 100;

    public const int MaxHashtagsLength = 200;

    public int Id { get; set; }

    /// <summary>The department it belongs to; null for a national template.</summary>
    public int? DepartmentId { get; set; }

    public bool IsNational => DepartmentId is null;

    public required string Name { get; set; }

    public int CategoryId { get; set; }

    public string Text { get; set; } = "";

    /// <summary>Hashtags separated by single spaces, each starting with #.</summary>
    public string Hashtags { get; set; } = "";

    public required string UpdatedById { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>The text the compose page starts from: the template's text, then its hashtags not already in it.</summary>
    public string ComposeText()
    {
        var missing = Hashtags.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(tag => !Text.Contains(tag, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return missing.Count == 0 ? Text : (Text.TrimEnd() + (Text.Length > 0 ? " " : "") + string.Join(' ', missing));
    }

    /// <summary>Who manages a template: the department's validators, or the national admins for a national one.</summary>
    public static bool CanManage(int? departmentId, bool isNationalAdmin, bool isValidatorOfDepartment) =>
        departmentId is null ? isNationalAdmin : isValidatorOfDepartment || isNationalAdmin;

    /// <summary>Which templates are offered for a message of <paramref name="departmentId"/>: national ones and its own.</summary>
    public bool IsOfferedTo(int departmentId) => DepartmentId is null || DepartmentId == departmentId;
}
