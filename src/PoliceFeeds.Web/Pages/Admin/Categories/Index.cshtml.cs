using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Admin.Categories;

/// <summary>The message categories: which require validation, which hashtags are suggested.</summary>
public sealed class IndexModel(PoliceFeedsDbContext db) : PageModel
{
    public IReadOnlyList<Category> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Categories = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(cancellationToken);
}
