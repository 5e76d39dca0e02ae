namespace PoliceFeeds.Web;

/// <summary>
/// Marker for the user-facing texts in <c>Resources/SharedResource.resx</c> (French, the default culture) and
/// <c>Resources/SharedResource.en.resx</c> (English).
/// </summary>
public sealed class SharedResource;
