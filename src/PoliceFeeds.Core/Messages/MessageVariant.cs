using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Core.Messages;

/// <summary>The text a message takes on one network instead of its main text (an optional variant per network).</summary>
public class MessageVariant
{
    public long MessageId { get; set; }

    public PublishingNetwork Network { get; set; }

    public required string Text { get; set; }
}
