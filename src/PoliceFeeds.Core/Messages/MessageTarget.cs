namespace PoliceFeeds.Core.Messages;

/// <summary>An account a message is to be published on, as the officer chose it on the compose page.</summary>
public class MessageTarget
{
    public long MessageId { get; set; }

    public int AccountId { get; set; }
}
