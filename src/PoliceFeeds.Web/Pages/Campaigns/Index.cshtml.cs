using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Campaigns;

/// <summary>The national campaigns, newest first (<c>/Campaigns</c>, national admins), with how many departments relay each.</summary>
[Authorize(Policy = AuthorizationPolicies.NationalAdmin)]
public sealed class IndexModel(PoliceFeedsDbContext db) : PageModel
{
    public IReadOnlyList<Row> Campaigns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Campaigns = await db.Campaigns.AsNoTracking()
            .OrderByDescending(c => c.CreatedAtUtc).ThenByDescending(c => c.Id)
            .Take(200)
            .Select(c => new Row(c.Id, c.Title, c.StartsOn, c.EndsOn, c.Departments.Count, c.Departments.Count(d => d.DeclinedAtUtc != null)))
            .ToListAsync(cancellationToken);

    public sealed record Row(int Id, string Title, DateOnly StartsOn, DateOnly EndsOn, int Departments, int Declined);
}
