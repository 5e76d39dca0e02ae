using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Pages.Messages;

namespace PoliceFeeds.Bench.Pages.Bench;

/// <summary>
/// The home benchmark's baseline: a bare Razor page, no layout, no localisation, no tag helpers, no counts or banner,
/// that runs the department home's own list query (<see cref="MessageListQuery.Page"/>) for the same addresses. The
/// home page's throughput is reported as a ratio of this one's, measured in the same run.
/// </summary>
public sealed class BareModel(PoliceFeedsDbContext db) : PageModel
{
    public IReadOnlyList<MessageRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int departmentId, MessageStatus? status, long? after, CancellationToken cancellationToken)
    {
        Rows = await MessageListQuery.Page(db, new MessageListFilter(departmentId, status, After: after)).ToListAsync(cancellationToken);
        return Page();
    }
}
