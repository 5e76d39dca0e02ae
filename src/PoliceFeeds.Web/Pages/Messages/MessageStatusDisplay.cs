using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>How a status reads and looks in the back office.</summary>
public static class MessageStatusDisplay
{
    public static string Label(IStringLocalizer<MessagesText> text, MessageStatus status) => text["Status." + status];

    /// <summary>Bootstrap badge classes: failed and awaiting validation stand out.</summary>
    public static string BadgeClass(MessageStatus status) => status switch
    {
        MessageStatus.Failed => "text-bg-danger",
        MessageStatus.Submitted => "text-bg-warning",
        MessageStatus.Rejected => "text-bg-secondary",
        MessageStatus.Approved => "text-bg-info",
        MessageStatus.Publishing => "text-bg-primary",
        MessageStatus.Published => "text-bg-success",
        MessageStatus.Cancelled => "text-bg-light border",
        MessageStatus.WithdrawalRequested or MessageStatus.Withdrawing => "text-bg-dark",
        MessageStatus.Withdrawn => "text-bg-secondary",
        _ => "text-bg-light border",
    };

    public static string LifecycleErrorMessage(IStringLocalizer<MessagesText> text, LifecycleError error) => text["Lifecycle." + error];
}
