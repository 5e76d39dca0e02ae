using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>How a history entry reads: the action's label, the change of status in words, and the details only when they add something.</summary>
public static class HistoryDisplay
{
    /// <summary>"Publié → Retrait demandé", or null when the status did not change (or is not a message status).</summary>
    public static string? Transition(IStringLocalizer<MessagesText> text, AuditEntry entry) =>
        entry.FromStatus != entry.ToStatus && Enum.TryParse<MessageStatus>(entry.FromStatus, out var from) && Enum.TryParse<MessageStatus>(entry.ToStatus, out var to)
            ? $"{MessageStatusDisplay.Label(text, from)} → {MessageStatusDisplay.Label(text, to)}"
            : null;

    /// <summary>The details, unless they only repeat the label ("personne retrouvée" under "Personne retrouvée").</summary>
    public static string? Details(string label, string? details)
    {
        if (string.IsNullOrWhiteSpace(details))
        {
            return null;
        }

        var trimmed = details.Trim();
        return string.Equals(trimmed, label, StringComparison.CurrentCultureIgnoreCase) ? null
            : trimmed.StartsWith(label, StringComparison.CurrentCultureIgnoreCase) ? trimmed[label.Length..].TrimStart(' ', ':', '–', '-') is { Length: > 0 } rest ? rest : null
            : trimmed;
    }
}
