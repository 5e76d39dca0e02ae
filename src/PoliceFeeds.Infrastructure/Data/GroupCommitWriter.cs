using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PoliceFeeds.Infrastructure.Data;

/// <summary>
/// Commits the writes of many concurrent callers together (group commit). The publisher serves up to a hundred accounts
/// at once and each publication is a few small conditional updates; written one by one, each is a transaction of its
/// own, and SQLite takes one writer at a time, so the workers queued behind each other's commits. Here a single loop
/// takes every write waiting, runs them in one transaction on one context, saves what they added, commits once and then
/// answers each caller. A caller's task completes only after its write is committed, so "recorded before X is called"
/// still holds.
/// <para>
/// A write is a delegate over the batch's context that may run more than once: if the batch fails (a deadlock victim on
/// SQL Server, a constraint, a database away), it is rolled back and each write runs again alone, so one bad write fails
/// only its own caller. Writes must therefore change nothing outside the database before the task completes.
/// </para>
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>The meter of the group commit: how busy its single loop is tells whether it has become the bottleneck.</summary>
    public const string MeterName = "PoliceFeeds.GroupCommit";

    private const int MaxBatch = 256;

    private readonly IServiceScopeFactory _scopeFactory;
    private readonly ILogger<GroupCommitWriter> _logger;
    private readonly Channel<PendingWrite> _pending = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> _loop;
    private readonly Histogram<double> _duration;
    private readonly Histogram<int> _size;

    public GroupCommitWriter(IServiceScopeFactory scopeFactory, IMeterFactory meterFactory, ILogger<GroupCommitWriter> logger)
    {
        _scopeFactory = scopeFactory;
        _logger = logger;
        var meter = meterFactory.Create(MeterName);
        _duration = meter.CreateHistogram<double>("policefeeds.group_commit.duration", unit: "ms", description: "Time the single writer loop spent on one group, from its first write to its commit.");
        _size = meter.CreateHistogram<int>("policefeeds.group_commit.writes", description: "Writes committed together in one group.");
        _loop = new Lazy<Task>(() => Task.Run(RunAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Runs <paramref name="write"/> in the next group transaction; completes once it is committed.</summary>
    public Task<T> WriteAsync<T>(Func<PoliceFeedsDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        WriteAsync<T>((db, _, ct) => write(db, ct), cancellationToken);

    /// <summary>
    /// Runs <paramref name="write"/> in the next group transaction, where it may leave work to the group's end
    /// (<see cref="GroupCommit.Step{T}"/>); completes once it is committed.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<PoliceFeedsDbContext, GroupCommit, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite<T>(write, cancellationToken);
        ObjectDisposedException.ThrowIf(!_pending.Writer.TryWrite(pending), this);

        _ = _loop.Value;
        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        if (_loop.IsValueCreated)
        {
            await _loop.Value;
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
            {
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Cancel();
                }
                else
                {
                    batch.Add(next);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await CommitTogetherAsync(batch);
            }
            catch (Exception ex)
            {
                if (batch.Count > 1)
                {
                    _logger.LogWarning(ex, "A group of {Count} writes failed; each is retried alone", batch.Count);
                }

                foreach (var write in batch)
                {
                    await CommitAloneAsync(write);
                }
            }

            _duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            _size.Record(batch.Count);
        }
    }

    private async Task CommitTogetherAsync(List<PendingWrite> batch)
    {
        await using var scope = _scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var group = new GroupCommit();
        foreach (var write in batch)
        {
            await write.RunAsync(db, group);
        }

        await group.FinishAsync(db, CancellationToken.None);

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        foreach (var write in batch)
        {
            write.Complete();
        }
    }

    private async Task CommitAloneAsync(PendingWrite write)
    {
        try
        {
            await CommitTogetherAsync([write]);
        }
        catch (Exception ex)
        {
            write.Fail(ex);
        }
    }

    private abstract class PendingWrite(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public abstract Task RunAsync(PoliceFeedsDbContext db, GroupCommit group);

        public abstract void Complete();

        public abstract void Fail(Exception exception);

        public abstract void Cancel();
    }

    private sealed class PendingWrite<T>(Func<PoliceFeedsDbContext, GroupCommit, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
        : PendingWrite(cancellationToken)
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        // Once in a batch, a write runs to the end: cancelling one caller must not roll back the others.
        public override async Task RunAsync(PoliceFeedsDbContext db, GroupCommit group) => _result = await write(db, group, CancellationToken.None);

        public override void Complete() => Completion.TrySetResult(_result!);

        public override void Fail(Exception exception) => Completion.TrySetException(exception);

        public override void Cancel() => Completion.TrySetCanceled(CancellationToken);
    }
}
