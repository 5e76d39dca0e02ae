namespace PoliceFeeds.Web.Pages.Admin.Audit;

/// <summary>The "Audit" configuration section: how the CSV export of the audit trail reads the entries.</summary>
public sealed class AuditExportOptions
{
    public const string SectionName = "Audit";

    /// <summary>Entries read per keyset page while the CSV streams (the memory held at once); every entry is exported.</summary>
    public int PageSize { get; set; } = 1000;
}
