using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.Infrastructure.Data;

/// <summary>
/// The national reference data every officer page reads and national administrators rarely change: the categories and
/// the national publishing switch. Read from the database at most once per <see cref="MaxAge"/> and shared by concurrent
/// requests; a save through <see cref="PoliceFeedsDbContext"/> that changes a category or the switch forgets them at once
/// (<see cref="NationalSettingsInvalidator"/>), and <see cref="MaxAge"/> bounds how long a change made by another instance
/// can go unseen. Only what pages show comes from here: the publisher reads the switch in its own due query.
/// </summary>
public sealed class NationalSettingsCache(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, SharedSnapshot> _entries = new();
    private long _generation;

    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Every category, active or not, in their display order (detached copies: never change them).</summary>
    public Task<IReadOnlyList<Category>> CategoriesAsync(PoliceFeedsDbContext db) =>
        GetAsync<IReadOnlyList<Category>>(nameof(CategoriesAsync), async () => await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(CancellationToken.None));

    /// <summary>The national publishing switch and its reason, or null when the database has no settings row.</summary>
    public Task<NationalPublishing?> PublishingAsync(PoliceFeedsDbContext db) =>
        GetAsync(nameof(PublishingAsync), async () => await db.PublishingSettings.AsNoTracking()
            .Select(s => new NationalPublishing(s.PublishingEnabled, s.Reason))
            .SingleOrDefaultAsync(CancellationToken.None));

    /// <summary>Forgets everything: the next request reads the database again.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    private async Task<T> GetAsync<T>(string key, Func<Task<T>> read)
    {
        var generation = Interlocked.Read(ref _generation);
        var now = timeProvider.GetUtcNow();
        var candidate = new SharedSnapshot(generation, now, new Lazy<Task<object?>>(async () => await read()));
        var entry = _entries.AddOrUpdate(key, candidate, (_, existing) => existing.IsUsable(generation, now, MaxAge) ? existing : candidate);
        return (T)(await entry.Value.Value)!;
    }
}

/// <summary>The national publishing switch as the pages show it.</summary>
public sealed record NationalPublishing(bool Enabled, string? Reason);

/// <summary>Forgets <see cref="NationalSettingsCache"/> when a save changes a category or the national switch (before and after the commit).</summary>
public sealed class NationalSettingsInvalidator(NationalSettingsCache cache) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        InvalidateIfChanged(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        InvalidateIfChanged(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        InvalidateIfChanged(eventData.Context, afterSave: true);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        InvalidateIfChanged(eventData.Context, afterSave: true);
        return ValueTask.FromResult(result);
    }

    private void InvalidateIfChanged(DbContext? context, bool afterSave = false)
    {
        if (context is null)
        {
            return;
        }

        // After the save the entries are unchanged again: a request that read the old values between the two moments
        // would otherwise keep them for MaxAge. The flag set before the save says whether to forget once more.
        var changed = afterSave
            ? context.ChangeTracker.Entries().Any(e => e.Entity is Category or PublishingSettings)
            : context.ChangeTracker.Entries().Any(e => e.Entity is Category or PublishingSettings && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        if (changed)
        {
            cache.Invalidate();
        }
    }
}
