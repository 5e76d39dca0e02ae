namespace PoliceFeeds.Web.Pages.Archives;

/// <summary>Marker for the texts of the archives page (<c>Resources/Pages/Archives/ArchivesText*.resx</c>).</summary>
public sealed class ArchivesText;
