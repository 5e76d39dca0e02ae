using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Core.Messages;

/// <summary>
/// Where a message goes (its target accounts), the text it takes on each network (its variants), and sending it again to
/// the targets where it failed.
/// </summary>
public partial class Message
{
    /// <summary>
    /// The accounts chosen on the compose page. None recorded (a message written before targets existed, or created by
    /// the application itself) means every account of the department that is not disconnected.
    /// </summary>
    public List<MessageTarget> Targets { get; set; } = [];

    /// <summary>The text per network where it differs from <see cref="Text"/>.</summary>
    public List<MessageVariant> Variants { get; set; } = [];

    /// <summary>Whether the message goes to <paramref name="accountId"/> (every account when no target is recorded).</summary>
    public bool GoesTo(int accountId) => Targets.Count == 0 || Targets.Any(t => t.AccountId == accountId);

    /// <summary>The text posted on <paramref name="network"/>: its variant, or the main text.</summary>
    public string TextFor(PublishingNetwork network) => Variants.FirstOrDefault(v => v.Network == network)?.Text ?? Text;

    /// <summary>Records the chosen accounts, keeping the rows of those that stay (no churn for an unchanged choice).</summary>
    public void SetTargets(IEnumerable<int> accountIds)
    {
        var wanted = accountIds.Distinct().ToHashSet();
        Targets.RemoveAll(t => !wanted.Contains(t.AccountId));
        foreach (var id in wanted.Where(id => Targets.All(t => t.AccountId != id)).Order())
        {
            Targets.Add(new MessageTarget { MessageId = Id, AccountId = id });
        }
    }

    /// <summary>Sets the text for <paramref name="network"/>; a blank one, or one equal to the main text, removes the variant.</summary>
    public void SetVariant(PublishingNetwork network, string? text)
    {
        var existing = Variants.FirstOrDefault(v => v.Network == network);
        if (string.IsNullOrWhiteSpace(text) || text == Text)
        {
            if (existing is not null)
            {
                Variants.Remove(existing);
            }

            return;
        }

        if (existing is null)
        {
            Variants.Add(new MessageVariant { MessageId = Id, Network = network, Text = text });
        }
        else
        {
            existing.Text = text;
        }
    }

    /// <summary>The action recorded when the failed deliveries of a published message are sent again.</summary>
    public const string FailedDeliveriesRetried = "message.failed_deliveries_retried";

    /// <summary>
    /// "Relancer" on a message online on some accounts whose delivery to others failed: the failed deliveries go back to
    /// the queue (the planner requeues them in the same save); the message stays published.
    /// </summary>
    public LifecycleResult RetryFailedDeliveries(string actorId, DateTime nowUtc)
    {
        if (Status != MessageStatus.Published)
        {
            return LifecycleError.NotAllowedInCurrentStatus;
        }

        MoveTo(MessageStatus.Published, actorId, nowUtc, FailedDeliveriesRetried, "relance des publications en échec");
        return LifecycleResult.Ok;
    }
}
