using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>What the officers' pages say while publishing is paused, nationally or for the department.</summary>
public sealed record PublishingPauseBanner(bool NationallyPaused, string? NationalReason, bool DepartmentPaused, string? DepartmentReason)
{
    public bool IsPaused => NationallyPaused || DepartmentPaused;

    /// <summary>The banner for a department already loaded (its pause fields are read from it).</summary>
    public static async Task<PublishingPauseBanner> LoadAsync(PoliceFeedsDbContext db, Core.Departments.Department department, CancellationToken cancellationToken)
    {
        var settings = await db.PublishingSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return new PublishingPauseBanner(settings is { PublishingEnabled: false }, settings?.Reason, department.PublishingPaused, department.PauseReason);
    }
}
