using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>How a status reads and looks in the back office.</summary>
public static class MessageStatusDisplay
{
    public static string Label(IStringLocalizer<MessagesText> text, MessageStatus status) => text["Status." + status];

    /// <summary>
    /// DSFR badge classes: failed and awaiting validation stand out. Every page shows a status through
    /// <c>Pages/Shared/_StatusBadge.cshtml</c>, the one place to switch to the deliveries model (per-channel status).
    /// </summary>
    public static string BadgeClass(MessageStatus status) => status switch
    {
        MessageStatus.Failed => "fr-badge--error",
        MessageStatus.Submitted => "fr-badge--new",
        MessageStatus.Rejected => "fr-badge--warning",
        MessageStatus.Approved => "fr-badge--info",
        MessageStatus.Publishing => "fr-badge--info",
        MessageStatus.Published => "fr-badge--success",
        MessageStatus.WithdrawalRequested or MessageStatus.Withdrawing => "fr-badge--purple-glycine",
        _ => "",
    };

    public static string LifecycleErrorMessage(IStringLocalizer<MessagesText> text, LifecycleError error) => text["Lifecycle." + error];
}
