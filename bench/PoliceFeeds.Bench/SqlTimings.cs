using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PoliceFeeds.Bench;

/// <summary>
/// Where the database time goes (BENCH_SQL=1): every command's time from execution to its result, added up by the
/// command's first words (statement kind and table), printed after the case.
/// </summary>
internal sealed class SqlTimings : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<DbCommand, long> _started = new();
    private readonly ConcurrentDictionary<string, (long Count, double Ms)> _totals = new();
    private readonly ConcurrentBag<(double Start, double Ms, string Key)> _early = [];
    private long _origin;

    /// <summary>The case starts now: the statements of its first <see cref="EarlyWindowMs"/> are printed in time order.</summary>
    public void Start() => _origin = Stopwatch.GetTimestamp();

    private const double EarlyWindowMs = 500;

    public static bool Enabled => Environment.GetEnvironmentVariable("BENCH_SQL") == "1";

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _started[command] = Stopwatch.GetTimestamp();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _started[command] = Stopwatch.GetTimestamp();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Done(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Done(command);
        return ValueTask.FromResult(result);
    }

    public void Print()
    {
        foreach (var (key, (count, ms)) in _totals.OrderByDescending(t => t.Value.Ms).Take(15))
        {
            Console.WriteLine($"  sql {ms,8:F0} ms {count,6} × {ms / count,6:F2} ms  {key}");
        }

        // The start of the case, in 50 ms slices: which statements ran, how many, and their time.
        foreach (var slice in _early.GroupBy(e => (int)(e.Start / 50)).OrderBy(g => g.Key))
        {
            Console.WriteLine($"  from {slice.Key * 50,4} ms: " + string.Join("; ", slice.GroupBy(e => e.Key[..Math.Min(e.Key.Length, 45)]).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()}× {g.Key} ({g.Sum(e => e.Ms):F0} ms)")));
        }
    }

    private void Done(DbCommand command)
    {
        if (!_started.TryRemove(command, out var started))
        {
            return;
        }

        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var text = string.Join(' ', command.CommandText.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith('@') && !w.StartsWith("--", StringComparison.Ordinal)));
        var start = text.IndexOf("SELECT", StringComparison.Ordinal) is var s and >= 0 && !text.StartsWith("UPDATE", StringComparison.Ordinal) && !text.StartsWith("INSERT", StringComparison.Ordinal) ? s : 0;
        var key = text[start..Math.Min(text.Length, start + 110)];
        _totals.AddOrUpdate(key, (1, ms), (_, t) => (t.Count + 1, t.Ms + ms));
        if (_origin != 0 && Stopwatch.GetElapsedTime(_origin, started).TotalMilliseconds is var at and >= 0 and < EarlyWindowMs)
        {
            _early.Add((at, ms, key));
        }
    }
}
