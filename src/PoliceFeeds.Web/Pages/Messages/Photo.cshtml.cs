using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>Serves a message's photo to the people who may see the message, with the type recognised at upload.</summary>
public sealed class PhotoModel(PoliceFeedsDbContext db, CurrentUser currentUser) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, long photoId, CancellationToken cancellationToken)
    {
        var photo = await db.MessagePhotos.AsNoTracking()
            .Where(p => p.Id == photoId && p.MessageId == id)
            .Join(db.Messages, p => p.MessageId, m => m.Id, (p, m) => new { p.Content, p.ContentType, m.DepartmentId })
            .SingleOrDefaultAsync(cancellationToken);
        if (photo is null || !await currentUser.CanViewDepartmentAsync(photo.DepartmentId, cancellationToken))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, max-age=300";
        return File(photo.Content, photo.ContentType);
    }
}
