using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.Core.Publishing;

/// <summary>What a publisher checks on a delivery it has just claimed, before anything is posted.</summary>
public static class ClaimedRunRules
{
    /// <summary>
    /// Whether a claimed delivery of a message in <paramref name="messageStatus"/> may be posted: only while the message is
    /// still approved (or being published, by this very claim). Anything else (cancelled, found, edited back to draft,
    /// withdrawn) is handed back unposted.
    /// </summary>
    public static bool MayPost(MessageStatus messageStatus) => messageStatus is MessageStatus.Approved or MessageStatus.Publishing;
}
