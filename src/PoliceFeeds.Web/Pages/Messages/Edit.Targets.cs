using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Networks;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>The compose page's target accounts and text variants per network.</summary>
public sealed partial class EditModel
{
    /// <summary>The department's accounts the message can go to (not disconnected), by network.</summary>
    public IReadOnlyList<ComposeAccount> Accounts { get; private set; } = [];

    /// <summary>The networks of <see cref="Accounts"/>, each offered a variant of the text.</summary>
    public IReadOnlyList<PublishingNetwork> Networks => Accounts.Select(a => a.Network).Distinct().Order().ToList();

    /// <summary>Each offered network's count of the text it takes (its variant, or the main text), as the page opens.</summary>
    public IReadOnlyList<NetworkTextCheck> NetworkCounts => Accounts.Select(a => a.Target).Distinct().OrderBy(t => t.Network)
        .Select(t => NetworkTextRules.Check(t.Network, Input.VariantFor(t.Network) ?? Input.Text ?? "", t.Limits)).Distinct().ToList();

    /// <summary>A count in the page's template (<c>{network}</c>, <c>{count}</c>, <c>{max}</c>, <c>{over}</c>), as the script writes it.</summary>
    public static string CountText(NetworkTextCheck count, string template) => template
        .Replace("{network}", count.Network.ToString(), StringComparison.Ordinal)
        .Replace("{count}", count.Count.ToString(System.Globalization.CultureInfo.CurrentCulture), StringComparison.Ordinal)
        .Replace("{max}", count.Limit.ToString(System.Globalization.CultureInfo.CurrentCulture), StringComparison.Ordinal)
        .Replace("{over}", Math.Max(0, count.Count - count.Limit).ToString(System.Globalization.CultureInfo.CurrentCulture), StringComparison.Ordinal);

    /// <summary>Whether the form ticks <paramref name="accountId"/>.</summary>
    public bool IsTargeted(int accountId) => Input.TargetAccountIds.Contains(accountId);

    /// <summary>The variant shown for <paramref name="network"/> (as typed, blank when none).</summary>
    public string VariantShown(PublishingNetwork network) => Input.Variants.FirstOrDefault(v => v.Network == network)?.Text ?? "";

    /// <summary>
    /// The choice and variants as the form shows them: on a first display, the message's recorded targets (or the
    /// connected accounts); on a redisplay, what the person ticked.
    /// </summary>
    private async Task LoadTargetsAsync(long? messageId, CancellationToken cancellationToken)
    {
        Accounts = await ComposeTargets.OfDepartmentAsync(db, Input.DepartmentId, cancellationToken);
        if (!Input.TargetsShown)
        {
            var recorded = messageId is { } id ? await db.MessageTargets.Where(t => t.MessageId == id).Select(t => t.AccountId).ToListAsync(cancellationToken)
                // A new reply goes, by default, where its original is online (it threads under it there).
                : Input.FollowUpOfMessageId is { } parent && Input.FollowUpKind == FollowUpKind.Reply
                    ? await db.Deliveries.Where(d => d.MessageId == parent && d.Status == DeliveryStatus.Sent).Select(d => d.AccountId).ToListAsync(cancellationToken)
                    : [];
            Input.TargetAccountIds = ComposeTargets.Ticked(Accounts, recorded);
        }
    }

    /// <summary>The main text and every variant: sensitive words are looked for in all of them.</summary>
    private string TextsForWords(TargetChoice targets) =>
        string.Join("\n", new[] { Input.Text ?? "" }.Concat(targets.Networks.Select(n => Input.VariantFor(n) ?? "")));

    /// <summary>Records the ticked accounts (when the form showed the choice) and the variants of the networks offered.</summary>
    private void ApplyTargets(Message message, TargetChoice targets)
    {
        if (targets.Recorded)
        {
            message.SetTargets(targets.Accounts.Select(a => a.Id));
        }

        foreach (var network in Enum.GetValues<PublishingNetwork>())
        {
            message.SetVariant(network, Input.VariantFor(network));
        }
    }
}
