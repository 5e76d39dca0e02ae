using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Publishing;

/// <summary>The publisher's group commit, against the real SQLite file: writes committed together, each answered alone.</summary>
public sealed class GroupCommitWriterTests : IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _factory = new();

    private GroupCommitWriter Writer => _factory.Services.GetRequiredService<GroupCommitWriter>();

    public Task InitializeAsync()
    {
        _ = _factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Writes_queued_behind_a_busy_writer_are_all_committed_and_each_caller_gets_its_own_result()
    {
        // The first write holds the writer until the others are queued behind it: they then go as one group.
        var release = new TaskCompletionSource();
        var first = BlockingWrite(release.Task, "first");
        var rest = Enumerable.Range(1, 20).Select(i => Write($"write-{i}", i)).ToList();
        release.SetResult();

        Assert.Equal(0, await first);
        Assert.Equal(Enumerable.Range(1, 20), await Task.WhenAll(rest));
        var written = await PublishingTestData.WithDbAsync(_factory, db => db.AuditEntries.Where(a => a.EntityType == "GroupCommitTest").Select(a => a.EntityId).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"write-{i}").Append("first").Order(), written.Order());
    }

    [Fact]
    public async Task A_failing_write_fails_alone_and_the_others_of_its_group_are_committed()
    {
        var release = new TaskCompletionSource();
        var blocker = BlockingWrite(release.Task, "blocker");
        var good = Enumerable.Range(1, 5).Select(i => Write($"good-{i}", i)).ToList();
        var bad = Writer.WriteAsync<int>(
            (db, _) =>
            {
                db.AuditEntries.Add(Entry("bad"));
                throw new InvalidOperationException("refusé");
            },
            CancellationToken.None);
        var cancelled = new CancellationTokenSource();
        var withdrawn = Write("withdrawn", -1, cancelled.Token);
        await cancelled.CancelAsync();
        release.SetResult();

        await blocker;
        Assert.Equal(Enumerable.Range(1, 5), await Task.WhenAll(good));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal("refusé", error.Message);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn);

        var written = await PublishingTestData.WithDbAsync(_factory, db => db.AuditEntries.Where(a => a.EntityType == "GroupCommitTest").Select(a => a.EntityId).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"good-{i}").Append("blocker").Order(), written.Order());
    }

    /// <summary>Adds an audit entry named <paramref name="id"/> and answers <paramref name="result"/>.</summary>
    private Task<int> Write(string id, int result, CancellationToken cancellationToken = default) => Writer.WriteAsync(
        (db, _) =>
        {
            db.AuditEntries.Add(Entry(id));
            return Task.FromResult(result);
        },
        cancellationToken);

    /// <summary>A write that holds the writer until <paramref name="release"/> completes, so that the next ones queue behind it.</summary>
    private Task<int> BlockingWrite(Task release, string id) => Writer.WriteAsync(
        async (db, _) =>
        {
            await release;
            db.AuditEntries.Add(Entry(id));
            return 0;
        },
        CancellationToken.None);

    private static AuditEntry Entry(string id) => new()
    {
        AtUtc = TestClock.FixedDefault.UtcDateTime,
        ActorId = "system:test",
        Action = "test.group_commit",
        EntityType = "GroupCommitTest",
        EntityId = id,
    };
}
