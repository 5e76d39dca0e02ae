using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Pages.Messages;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Campaigns;

/// <summary>
/// A department declines a campaign (<c>/Campaigns/Decline/MESSAGE</c>), with a reason: its relay is cancelled and the
/// campaign page shows the reason. Officers and validators of the relay's department only.
/// </summary>
public sealed class DeclineModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    IStringLocalizer<CampaignsText> text,
    IStringLocalizer<MessagesText> messagesText,
    IStringLocalizer<SharedResource> shared,
    TimeProvider timeProvider) : PageModel
{
    public CampaignDraftInfo Campaign { get; private set; } = null!;

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        var message = await LoadAsync(id, cancellationToken);
        if (message is null)
        {
            return NotFound();
        }

        var target = await db.CampaignDepartments.SingleAsync(t => t.MessageId == id, cancellationToken);
        var result = target.Decline(message, currentUser.Id, Reason, timeProvider.GetUtcNow().UtcDateTime);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(Reason), result.Error == LifecycleError.ReasonRequired ? text["Validation.DeclineReasonRequired"] : MessageStatusDisplay.LifecycleErrorMessage(messagesText, result.Error));
            return Page();
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, shared["Common.ConcurrencyConflict"]);
            return Page();
        }

        TempData["Flash"] = (string)text["Flash.Declined"];
        return RedirectToPage("/Messages/Details", new { id });
    }

    private async Task<Message?> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var message = await db.Messages.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message?.CampaignId is null || !await currentUser.CanDraftForDepartmentAsync(message.DepartmentId, cancellationToken)
            || await CampaignDraftInfo.ForMessageAsync(db, id, cancellationToken) is not { } campaign)
        {
            return null;
        }

        Campaign = campaign;
        return message;
    }
}
