namespace PoliceFeeds.Web.Pages;

/// <summary>
/// Marker for the texts of the officers' and validators' aids (<c>Resources/Pages/OfficerText*.resx</c>): templates,
/// "Dupliquer", the duplicate-text warning, the calendar, the validators' queue, edits of scheduled messages.
/// </summary>
public sealed class OfficerText;
