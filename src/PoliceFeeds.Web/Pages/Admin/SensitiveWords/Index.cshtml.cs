using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.SensitiveWords;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin.SensitiveWords;

/// <summary>
/// The sensitive words (<c>/Admin/SensitiveWords</c>, national admins): the national list and, for the department chosen,
/// its additions; adding and removing a word is audited. A word forces validation of every message that contains it
/// from then on (<see cref="Messages.ValidationRequirements"/>); messages already submitted keep their status.
/// </summary>
public sealed class IndexModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    IStringLocalizer<SensitiveWordsText> text,
    TimeProvider timeProvider) : PageModel
{
    public IReadOnlyList<SensitiveWord> National { get; private set; } = [];

    public IReadOnlyList<SensitiveWord> OfDepartment { get; private set; } = [];

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    /// <summary>The department whose additions are shown; null shows the national list alone.</summary>
    public Department? Department { get; private set; }

    [BindProperty]
    public string? Phrase { get; set; }

    public async Task<IActionResult> OnGetAsync(int? departmentId, CancellationToken cancellationToken) =>
        await LoadAsync(departmentId, cancellationToken) ? Page() : NotFound();

    /// <summary>Adds <see cref="Phrase"/> to the national list (no department) or to the department's.</summary>
    public async Task<IActionResult> OnPostAddAsync(int? departmentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(departmentId, cancellationToken))
        {
            return NotFound();
        }

        var phrase = SensitiveWord.Clean(Phrase);
        var key = SensitiveWordMatcher.Key(phrase);
        if (phrase.Length == 0 || key.Length == 0)
        {
            ModelState.AddModelError(nameof(Phrase), text["Validation.PhraseRequired"]);
        }
        else if (phrase.Length > SensitiveWord.MaxPhraseLength)
        {
            ModelState.AddModelError(nameof(Phrase), string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.PhraseTooLong"], SensitiveWord.MaxPhraseLength));
        }
        else if (National.Any(w => w.Key == key) || OfDepartment.Any(w => w.Key == key))
        {
            ModelState.AddModelError(nameof(Phrase), string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.PhraseAlreadyListed"], phrase));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var word = new SensitiveWord { DepartmentId = departmentId, Phrase = phrase, Key = key, CreatedById = currentUser.Id, CreatedAtUtc = now };
        db.SensitiveWords.Add(word);
        await db.SaveChangesAsync(cancellationToken);
        AdminAudit.Add(db, currentUser, now, "sensitive_word.added", "SensitiveWord", word.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), departmentId,
            $"{ListName()} : « {phrase} »");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Flash.Added"], phrase);
        return RedirectToPage(new { departmentId });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken)
    {
        var word = await db.SensitiveWords.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (word is null)
        {
            return NotFound();
        }

        await LoadAsync(word.DepartmentId, cancellationToken);
        db.SensitiveWords.Remove(word);
        AdminAudit.Add(db, currentUser, timeProvider.GetUtcNow().UtcDateTime, "sensitive_word.removed", "SensitiveWord", id.ToString(System.Globalization.CultureInfo.InvariantCulture), word.DepartmentId,
            $"{ListName()} : « {word.Phrase} »");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Flash.Removed"], word.Phrase);
        return RedirectToPage(new { departmentId = word.DepartmentId });
    }

    private string ListName() => Department is null ? "liste nationale" : "liste du " + Department.Code;

    private async Task<bool> LoadAsync(int? departmentId, CancellationToken cancellationToken)
    {
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).ToListAsync(cancellationToken);
        Department = departmentId is { } wanted ? Departments.FirstOrDefault(d => d.Id == wanted) : null;
        if (departmentId is not null && Department is null)
        {
            return false;
        }

        National = await db.SensitiveWords.AsNoTracking().Where(w => w.DepartmentId == null).OrderBy(w => w.Phrase).ToListAsync(cancellationToken);
        OfDepartment = departmentId is null ? [] : await db.SensitiveWords.AsNoTracking().Where(w => w.DepartmentId == departmentId).OrderBy(w => w.Phrase).ToListAsync(cancellationToken);
        return true;
    }
}
