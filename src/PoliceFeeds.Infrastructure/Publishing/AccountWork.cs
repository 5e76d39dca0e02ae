using System.Collections.Concurrent;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// What the hosted publisher of this process is working on: the accounts that have a worker right now,
/// and the slots that bound how many accounts are served at once across overlapping rounds. A round started while
/// another is running (a message approved "as soon as possible") serves the accounts that are idle; a busy account's
/// worker picks up its newly due messages itself before it stops, so one account's messages stay in order.
/// </summary>
public sealed class AccountWork(int maxParallelAccounts)
{
    private readonly ConcurrentDictionary<int, byte> _busy = new();

    public SemaphoreSlim Slots { get; } = new(Math.Max(1, maxParallelAccounts));

    public bool TryStart(int accountId) => _busy.TryAdd(accountId, 0);

    public void Finish(int accountId) => _busy.TryRemove(accountId, out _);

    public bool IsBusy(int accountId) => _busy.ContainsKey(accountId);
}
