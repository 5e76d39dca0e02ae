using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Campaigns;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Pages.Admin;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Campaigns;

/// <summary>
/// A national admin prepares a campaign (<c>/Campaigns/Edit</c>): title, category, text, period and target departments.
/// Saving it creates, in one transaction, the campaign and a draft in each target department (a normal message linked
/// to the campaign), audited.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.NationalAdmin)]
public sealed class EditModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    IValidator<CampaignForm> validator,
    IStringLocalizer<CampaignsText> text,
    TimeProvider timeProvider) : PageModel
{
    [BindProperty]
    public CampaignInput Input { get; set; } = new();

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        var today = Today();
        Input = new CampaignInput { StartsOn = today, EndsOn = today.AddDays(14) };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        Input.DepartmentIds = Input.DepartmentIds.Distinct().ToList();
        var form = new CampaignForm(Input, Categories.Any(c => c.Id == Input.CategoryId),
            Input.DepartmentIds.All(id => Departments.Any(d => d.Id == id)), Today(), now);
        var validation = await validator.ValidateAsync(form, cancellationToken);
        if (!validation.IsValid)
        {
            foreach (var failure in validation.Errors)
            {
                ModelState.AddModelError(failure.PropertyName, failure.ErrorMessage);
            }

            return Page();
        }

        var campaign = new Campaign
        {
            Title = Input.Title!.Trim(),
            Text = Input.Text!,
            CategoryId = Input.CategoryId,
            StartsOn = Input.StartsOn!.Value,
            EndsOn = Input.EndsOn!.Value,
            CreatedById = currentUser.Id,
            CreatedAtUtc = now,
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync(cancellationToken);
            var drafts = Input.DepartmentIds.Select(id => Message.CreateCampaignDraft(campaign, id, currentUser.Id, now)).ToList();
            db.Messages.AddRange(drafts);
            await db.SaveChangesAsync(cancellationToken);
            campaign.Departments.AddRange(drafts.Select(d => new CampaignDepartment { CampaignId = campaign.Id, DepartmentId = d.DepartmentId, MessageId = d.Id }));
            var codes = string.Join(", ", Departments.Where(d => Input.DepartmentIds.Contains(d.Id)).Select(d => d.Code));
            AdminAudit.Add(db, currentUser, now, "campaign.created", "Campaign", campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
                $"{campaign.Title} ({campaign.StartsOn:yyyy-MM-dd} – {campaign.EndsOn:yyyy-MM-dd}) : {codes}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Flash.Created"], campaign.Title, Input.DepartmentIds.Count);
        return RedirectToPage("/Campaigns/Details", new { id = campaign.Id });
    }

    /// <summary>Today in Paris, where the national administration works.</summary>
    private DateOnly Today() => DateOnly.FromDateTime(DepartmentTime.ToLocal(timeProvider.GetUtcNow().UtcDateTime, "Europe/Paris"));

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Categories = await db.Categories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
        Departments = await db.Departments.AsNoTracking().Where(d => d.IsActive && !d.IsNational).OrderBy(d => d.Code).ToListAsync(cancellationToken);
    }
}
