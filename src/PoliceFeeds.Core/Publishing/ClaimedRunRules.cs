using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.Core.Publishing;

/// <summary>What a publisher checks on a delivery it has just claimed, before anything is posted.</summary>
public static class ClaimedRunRules
{
    /// <summary>
    /// Whether a claimed delivery of a message in <paramref name="messageStatus"/> may be posted: only while the message is
    /// still approved, being published (by this very claim), or published on its other accounts while this one's turn comes
    /// (a slower network, a rate limit). Anything else (cancelled, found, edited back to draft, withdrawn) is handed back
    /// unposted.
    /// </summary>
    public static bool MayPost(MessageStatus messageStatus) => PostableStatuses.Contains(messageStatus);

    /// <summary>The message statuses in which its pending deliveries may still be posted.</summary>
    public static readonly IReadOnlyList<MessageStatus> PostableStatuses = [MessageStatus.Approved, MessageStatus.Publishing, MessageStatus.Published];
}
