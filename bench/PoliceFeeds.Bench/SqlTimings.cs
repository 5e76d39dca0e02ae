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
    }
}
