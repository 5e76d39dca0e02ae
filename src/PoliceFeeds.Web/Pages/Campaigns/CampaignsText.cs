namespace PoliceFeeds.Web.Pages.Campaigns;

/// <summary>Marker for the texts of national campaigns (<c>Resources/Pages/Campaigns/CampaignsText*.resx</c>).</summary>
public sealed class CampaignsText;
