using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>What the officers' pages say while publishing is paused, nationally or for the department.</summary>
public sealed record PublishingPauseBanner(bool NationallyPaused, string? NationalReason, bool DepartmentPaused, string? DepartmentReason)
{
    public bool IsPaused => NationallyPaused || DepartmentPaused;

    /// <summary>The banner for a department already loaded (its pause fields are read from it; the national switch is shared by every page).</summary>
    public static async Task<PublishingPauseBanner> LoadAsync(NationalSettingsCache national, PoliceFeedsDbContext db, Core.Departments.Department department)
    {
        var settings = await national.PublishingAsync(db);
        return new PublishingPauseBanner(settings is { Enabled: false }, settings?.Reason, department.PublishingPaused, department.PauseReason);
    }
}
