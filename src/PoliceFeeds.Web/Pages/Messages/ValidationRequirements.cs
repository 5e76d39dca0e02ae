using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.SensitiveWords;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>
/// <see cref="ValidationPolicy.Decide"/> with what it needs read from the database: the department's rule, the
/// category's, and the sensitive words of the text (the national list and the department's own). The compose page, the
/// message page and their submit handlers all ask here, so what the page says and what "Soumettre" does agree.
/// </summary>
public static class ValidationRequirements
{
    public static async Task<ValidationRequirement> ForAsync(PoliceFeedsDbContext db, Department department, Category? category, string? text, CancellationToken cancellationToken)
    {
        var matcher = await MatcherAsync(db, department.Id, cancellationToken);
        return ValidationPolicy.Decide(department.RequiresValidation, category?.RequiresValidation ?? false, matcher.Find(text));
    }

    /// <summary>The national list, then the department's additions, each in the order they were added.</summary>
    public static async Task<SensitiveWordMatcher> MatcherAsync(PoliceFeedsDbContext db, int departmentId, CancellationToken cancellationToken)
    {
        var phrases = await Phrases(db, departmentId).ToListAsync(cancellationToken);
        return new SensitiveWordMatcher(phrases);
    }

    public static IQueryable<string> Phrases(PoliceFeedsDbContext db, int departmentId) =>
        db.SensitiveWords.AsNoTracking()
            .Where(w => w.DepartmentId == null || w.DepartmentId == departmentId)
            .OrderBy(w => w.DepartmentId == null ? 0 : 1).ThenBy(w => w.Id)
            .Select(w => w.Phrase);
}
