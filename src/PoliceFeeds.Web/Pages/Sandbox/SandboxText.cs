namespace PoliceFeeds.Web.Pages.Sandbox;

/// <summary>Marker for the texts of the training timeline (<c>Resources/Pages/Sandbox/SandboxText*.resx</c>).</summary>
public sealed class SandboxText;
