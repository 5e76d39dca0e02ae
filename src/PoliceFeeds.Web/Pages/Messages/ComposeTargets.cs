using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Networks;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>An account the compose page offers as a target (any account of the department that is not disconnected).</summary>
public sealed record ComposeAccount(int Id, PublishingNetwork Network, string Handle, AccountMode Mode, AccountState State, AccountTextLimits Limits)
{
    public bool IsLive => Mode == AccountMode.Live;

    /// <summary>The account as the text rules see it: its network and its own limits.</summary>
    public NetworkTarget Target => new(Network, Limits);
}

/// <summary>
/// The compose page's choice of target accounts: which the department offers, which are ticked by default (those
/// connected), and what a posted choice resolves to.
/// </summary>
public static class ComposeTargets
{
    public static async Task<List<ComposeAccount>> OfDepartmentAsync(PoliceFeedsDbContext db, int departmentId, CancellationToken cancellationToken) =>
        (await db.PublishingAccounts.AsNoTracking()
            .Where(a => a.DepartmentId == departmentId && a.State != AccountState.Disconnected)
            .OrderBy(a => a.Network).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Network, a.Handle, a.Mode, a.State, a.MaxTextLength, a.CharactersPerUrl })
            .ToListAsync(cancellationToken))
        .Select(a => new ComposeAccount(a.Id, a.Network, a.Handle, a.Mode, a.State, new AccountTextLimits(a.MaxTextLength, a.CharactersPerUrl)))
        .ToList();

    /// <summary>
    /// The accounts ticked when the page opens: a message's recorded targets, or, for a new message (or one that records
    /// none), the department's connected accounts.
    /// </summary>
    public static List<int> Ticked(IReadOnlyList<ComposeAccount> accounts, IReadOnlyCollection<int> recorded) =>
        recorded.Count > 0
            ? accounts.Where(a => recorded.Contains(a.Id)).Select(a => a.Id).ToList()
            : accounts.Where(a => a.State == AccountState.Connected).Select(a => a.Id).ToList();

    /// <summary>
    /// What a posted form targets: the ticked accounts when the form showed the choice, otherwise the message's recorded
    /// targets (or every account, as a message that records none goes to all).
    /// </summary>
    public static TargetChoice Resolve(MessageInput input, IReadOnlyList<ComposeAccount> accounts, Message? message)
    {
        if (!input.TargetsShown)
        {
            var kept = message is { Targets.Count: > 0 } ? accounts.Where(a => message.GoesTo(a.Id)).ToList() : accounts.ToList();
            return new TargetChoice(kept, Recorded: message is { Targets.Count: > 0 }, Unknown: false);
        }

        var chosen = input.TargetAccountIds.Distinct().ToList();
        var known = accounts.Where(a => chosen.Contains(a.Id)).ToList();
        return new TargetChoice(known, Recorded: true, Unknown: known.Count != chosen.Count);
    }
}

/// <summary>The accounts a posted form targets.</summary>
/// <param name="Accounts">The target accounts (all of the department's when <paramref name="Recorded"/> is false).</param>
/// <param name="Recorded">Whether the choice is recorded on the message (a form that showed it, or targets it had).</param>
/// <param name="Unknown">The form named an account that is not one of the department's usable accounts.</param>
public sealed record TargetChoice(IReadOnlyList<ComposeAccount> Accounts, bool Recorded, bool Unknown)
{
    public IReadOnlyList<PublishingNetwork> Networks => Accounts.Select(a => a.Network).Distinct().Order().ToList();

    /// <summary>The target accounts as the text rules see them (accounts with the same network and limits once).</summary>
    public IReadOnlyList<NetworkTarget> TextTargets => Accounts.Select(a => a.Target).Distinct().ToList();

    public bool IsLive => Accounts.Any(a => a.IsLive);
}
