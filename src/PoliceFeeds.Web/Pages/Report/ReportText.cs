namespace PoliceFeeds.Web.Pages.Report;

/// <summary>Marker for the texts of the pilot report pages (<c>Resources/Pages/Report/ReportText*.resx</c>).</summary>
public sealed class ReportText;
