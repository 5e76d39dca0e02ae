using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Pages.Queue;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Shared;

/// <summary>
/// The navigation items of the officers' aids (templates, calendar, validators' queue with its count), called by the
/// layout in one line: <c>@await Component.InvokeAsync("OfficerNav")</c>. Items carry both DSFR and Bootstrap classes.
/// </summary>
public sealed class OfficerNavViewComponent(PoliceFeedsDbContext db, CurrentUser currentUser) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!currentUser.IsAuthenticated)
        {
            return Content("");
        }

        int? queueCount = null;
        if (currentUser.IsValidator)
        {
            var departments = await currentUser.GetDepartmentIdsAsync(HttpContext.RequestAborted);
            queueCount = await ValidationQueue.For(db, departments, currentUser.Id).CountAsync(HttpContext.RequestAborted);
        }

        var drafts = currentUser.IsOfficer || currentUser.IsValidator;
        return View(new OfficerNavModel(drafts || currentUser.IsNationalAdmin, drafts || currentUser.IsNationalAdmin, queueCount, HttpContext.Request.Path.Value ?? ""));
    }
}

public sealed record OfficerNavModel(bool ShowTemplates, bool ShowCalendar, int? QueueCount, string Path);
