using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>
/// "Dupliquer" (<c>POST /Messages/ID/Duplicate</c>): a new draft with the message's category, text, photos and alt
/// texts, for someone who drafts for its department; then the compose page of the copy.
/// </summary>
public sealed class DuplicateModel(PoliceFeedsDbContext db, CurrentUser currentUser, IStringLocalizer<OfficerText> text, TimeProvider timeProvider) : PageModel
{
    public IActionResult OnGet(long id) => RedirectToPage("/Messages/Details", new { id });

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        var source = await db.Messages.AsNoTracking().Include(m => m.Photos).Include(m => m.Variants).Include(m => m.Targets).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (source is null || !await currentUser.CanViewDepartmentAsync(source.DepartmentId, cancellationToken))
        {
            return NotFound();
        }

        if (!await currentUser.CanDraftForDepartmentAsync(source.DepartmentId, cancellationToken))
        {
            return Forbid();
        }

        if (!source.Duplicate(currentUser.Id, timeProvider.GetUtcNow().UtcDateTime, out var copy).Succeeded)
        {
            TempData["Flash"] = (string)text["Duplicate.NotAllowed"];
            return RedirectToPage("/Messages/Details", new { id });
        }

        db.Messages.Add(copy!);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Duplicate.Done"], id);
        return RedirectToPage("/Messages/Edit", new { id = copy!.Id });
    }
}
