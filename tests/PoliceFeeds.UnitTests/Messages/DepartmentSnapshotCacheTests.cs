using Microsoft.Extensions.Time.Testing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.UnitTests.Messages;

public sealed class DepartmentSnapshotCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Concurrent_requests_share_one_computation()
    {
        var cache = new DepartmentSnapshotCache(_clock);
        var computations = 0;
        var release = new TaskCompletionSource();

        async Task<string> Compute()
        {
            Interlocked.Increment(ref computations);
            await release.Task;
            return "figures";
        }

        var requests = Enumerable.Range(0, 16).Select(_ => cache.GetAsync(1, "home", Compute)).ToList();
        release.SetResult();

        Assert.All(await Task.WhenAll(requests), r => Assert.Equal("figures", r));
        Assert.Equal(1, computations);
    }

    [Fact]
    public async Task Figures_are_computed_again_after_an_invalidation_of_their_department_or_once_too_old()
    {
        var cache = new DepartmentSnapshotCache(_clock) { MaxAge = TimeSpan.FromSeconds(5) };
        var version = 0;
        Task<string> Compute() => Task.FromResult("v" + Interlocked.Increment(ref version));

        Assert.Equal("v1", await cache.GetAsync(1, "home", Compute));
        Assert.Equal("v1", await cache.GetAsync(1, "home", Compute));

        cache.Invalidate(2);
        Assert.Equal("v1", await cache.GetAsync(1, "home", Compute));

        cache.Invalidate(1);
        Assert.Equal("v2", await cache.GetAsync(1, "home", Compute));

        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal("v2", await cache.GetAsync(1, "home", Compute));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("v3", await cache.GetAsync(1, "home", Compute));
    }

    [Fact]
    public async Task A_failed_computation_is_not_served_again()
    {
        var cache = new DepartmentSnapshotCache(_clock);
        var calls = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync<string>(1, "home", () => ++calls == 1 ? throw new InvalidOperationException("base indisponible") : Task.FromResult("ok")));

        Assert.Equal("ok", await cache.GetAsync(1, "home", () => ++calls == 1 ? throw new InvalidOperationException() : Task.FromResult("ok")));
    }
}
