namespace PoliceFeeds.Web.Pages.Admin;

/// <summary>Marker for the texts of the national administration pages (<c>Resources/Pages/Admin/AdminText*.resx</c>).</summary>
public sealed class AdminText;
