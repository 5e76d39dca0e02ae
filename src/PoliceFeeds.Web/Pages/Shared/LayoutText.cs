namespace PoliceFeeds.Web.Pages.Shared;

/// <summary>Marker for the texts of the DSFR layout, its partials and the legal pages (<c>Resources/Pages/Shared/LayoutText*.resx</c>).</summary>
public sealed class LayoutText;
