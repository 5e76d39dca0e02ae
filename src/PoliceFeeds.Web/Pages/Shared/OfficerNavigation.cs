using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Pages.Queue;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Shared;

/// <summary>
/// The header's officer items (calendar, templates, the validators' queue with its count), which the layout draws inline:
/// a view component cost every page a component and a view to find and run.
/// </summary>
public sealed class OfficerNavigation(PoliceFeedsDbContext db, CurrentUser currentUser)
{
    public async Task<OfficerNavModel> GetAsync(CancellationToken cancellationToken)
    {
        if (!currentUser.IsAuthenticated)
        {
            return new OfficerNavModel(false, false, null);
        }

        int? queueCount = null;
        if (currentUser.MayValidate)
        {
            var departments = await currentUser.GetValidateDepartmentIdsAsync(cancellationToken);
            queueCount = await ValidationQueue.For(db, departments, currentUser.Id).CountAsync(cancellationToken);
        }

        var aids = currentUser.IsOfficer || currentUser.IsValidator || currentUser.IsNationalAdmin;
        return new OfficerNavModel(aids, aids, queueCount);
    }
}

/// <summary>Which officer items the header shows, and the validator's queue count.</summary>
public sealed record OfficerNavModel(bool ShowTemplates, bool ShowCalendar, int? QueueCount);
