using Microsoft.AspNetCore.Mvc.RazorPages;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Admin.Dashboard;

/// <summary>The national picture for national admins: today and this week, per active department, in its own time zone.</summary>
public sealed class IndexModel(PoliceFeedsDbContext db, TimeProvider timeProvider) : PageModel
{
    public DashboardSnapshot Snapshot { get; private set; } = new(default, false, []);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Snapshot = await DashboardQuery.LoadAsync(db, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
}
