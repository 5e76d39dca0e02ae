using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Web.Pages.Shared.Dsfr;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>How a status reads and looks in the back office.</summary>
public static class MessageStatusDisplay
{
    public static string Label(IStringLocalizer<MessagesText> text, MessageStatus status) => text["Status." + status];

    /// <summary>
    /// The status badge, the one place a message's status is drawn (through <c>Pages/Shared/_StatusBadge.cshtml</c>, or
    /// directly where a list draws one per row: a partial per row was a fifth of the department home's rendering).
    /// </summary>
    public static IHtmlContent Badge(IStringLocalizer<MessagesText> text, StatusBadgeModel badge)
    {
        var html = new HtmlContentBuilder(10)
            .AppendHtml(badge.Small ? "<p class=\"fr-badge fr-badge--sm " : "<p class=\"fr-badge ")
            .AppendHtml(BadgeClass(badge.Status))
            .AppendHtml("\"");
        if (badge.TestId is { } testId)
        {
            html.AppendHtml(" data-testid=\"").Append(testId).AppendHtml("\"");
        }

        return html.AppendHtml(" data-status-badge=\"")
            .AppendHtml(badge.Status.ToString())
            .AppendHtml("\">")
            .Append(Label(text, badge.Status))
            .AppendHtml("</p>");
    }

    /// <summary>DSFR badge classes: failed and awaiting validation stand out.</summary>
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
