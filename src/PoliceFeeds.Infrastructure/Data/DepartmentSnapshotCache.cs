using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.Infrastructure.Data;

/// <summary>
/// Figures about a department's messages that are costly to compute on every request (the counts per status of the
/// department home grow with the table), computed by the database at most once per <see cref="MaxAge"/> and shared by
/// concurrent requests. Every save through <see cref="PoliceFeedsDbContext"/> that touches a department's messages, and
/// every publisher step, invalidates that department's figures at once; <see cref="MaxAge"/> bounds how long a change
/// made by another instance on the same database can go unseen.
/// </summary>
public sealed class DepartmentSnapshotCache(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<(int DepartmentId, string Key), SharedSnapshot> _entries = new();
    private readonly ConcurrentDictionary<int, long> _generations = new();

    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The department's figure named <paramref name="key"/>, computed by <paramref name="compute"/> when missing, stale or invalidated.</summary>
    public async Task<T> GetAsync<T>(int departmentId, string key, Func<Task<T>> compute)
        where T : class
    {
        var cacheKey = (departmentId, key);
        var generation = _generations.GetValueOrDefault(departmentId);
        var now = timeProvider.GetUtcNow();
        var candidate = new SharedSnapshot(generation, now, new Lazy<Task<object?>>(async () => await compute()));
        var entry = _entries.AddOrUpdate(cacheKey, candidate, (_, existing) => existing.IsUsable(generation, now, MaxAge) ? existing : candidate);
        return (T)(await entry.Value.Value)!;
    }

    /// <summary>Forgets the department's figures: the next request computes them again.</summary>
    public void Invalidate(int departmentId) => _generations.AddOrUpdate(departmentId, 1, (_, generation) => generation + 1);
}

/// <summary>
/// A value computed once and shared by concurrent requests until it is older than the cache's bound or its generation
/// has moved on (something it depends on changed). A failed or cancelled computation is never served again.
/// </summary>
internal sealed record SharedSnapshot(long Generation, DateTimeOffset CreatedAt, Lazy<Task<object?>> Value)
{
    public bool IsUsable(long generation, DateTimeOffset now, TimeSpan maxAge)
    {
        if (Generation != generation || now - CreatedAt >= maxAge)
        {
            return false;
        }

        return !Value.IsValueCreated || !(Value.Value.IsFaulted || Value.Value.IsCanceled);
    }
}

/// <summary>Invalidates <see cref="DepartmentSnapshotCache"/> for every department whose messages a save changes (before and after the commit).</summary>
public sealed class DepartmentSnapshotInvalidator(DepartmentSnapshotCache cache) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<int>> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Flush(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var departments = context.ChangeTracker.Entries<Message>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.DepartmentId)
            .ToHashSet();
        if (departments.Count == 0)
        {
            return;
        }

        foreach (var departmentId in departments)
        {
            cache.Invalidate(departmentId);
        }

        _pending.AddOrUpdate(context, departments);
    }

    private void Flush(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var departments))
        {
            _pending.Remove(context);
            foreach (var departmentId in departments)
            {
                cache.Invalidate(departmentId);
            }
        }
    }
}
