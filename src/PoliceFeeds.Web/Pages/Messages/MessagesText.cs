namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>Marker for the texts of the messages pages (<c>Resources/Pages/Messages/MessagesText*.resx</c>).</summary>
public sealed class MessagesText;
