using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Publishing;

/// <summary>The pilot departments' sandbox accounts publish through the same publisher, to the training timeline.</summary>
public sealed class SandboxPublishingTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Fact]
    public async Task Approved_message_appears_on_the_training_timeline_within_a_second()
    {
        using var officer = factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.MissingPerson, "Appel à témoins " + Guid.NewGuid());
        form.AddPhoto(0, MessageTestData.Png, "photo.png", "Portrait de la personne recherchée", "image/png");
        var id = MessageTestData.IdFromLocation(await officer.ComposeAsync(form, "Submit"));
        using var validator = factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);

        var stopwatch = Stopwatch.StartNew();
        using var approved = await validator.ActAsync(id, "Approve");
        await PublishingTestData.WaitUntilAsync(async () => (await MessageTestData.LoadAsync(factory, id)).Status == MessageStatus.Published, TimeSpan.FromSeconds(5));
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1.5), $"published after {stopwatch.ElapsedMilliseconds} ms");
        var message = await MessageTestData.LoadAsync(factory, id);
        var post = await PublishingTestData.WithDbAsync(factory, db => db.SandboxPosts.SingleAsync(p => p.PostId == message.XPostId));
        Assert.Equal(message.Text, post.Text);
        Assert.Equal(1, post.PhotoCount);
        Assert.Equal("Portrait de la personne recherchée", post.AltTexts);
        var timeline = await validator.GetPageAsync($"/Sandbox?departmentId={DemoUsers.Department44}");
        Assert.NotNull(timeline.QuerySelector($"[data-sandbox-post='{message.XPostId}']"));
    }

    [Fact]
    public async Task Training_timeline_of_35_is_not_shown_to_44()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        using var response = await client.GetAsync($"/Sandbox?departmentId={DemoUsers.Department35}");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>The processor driven directly, without the hosted service, on one SQLite file.</summary>
public sealed class ProcessorClaimTests : IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _factory = new();

    public ProcessorClaimTests() => _factory.Settings["Publishing:RunHostedService"] = "false";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<int> RunOnceAsync(string instance)
    {
        await using var scope = _factory.CreateScope();
        var processor = ActivatorUtilities.CreateInstance<PublishingProcessor>(scope.ServiceProvider,
            Microsoft.Extensions.Options.Options.Create(new PublishingOptions { InstanceId = instance, BatchSize = 500, MaxParallelAccounts = 4 }));
        return await processor.RunOnceAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Two_instances_on_one_database_publish_200_messages_exactly_once()
    {
        var now = _factory.UtcNow.AddSeconds(-1);
        var ids = new List<long>();
        for (var department = 1; department <= 4; department++)
        {
            ids.AddRange(await PublishingTestData.AddDueMessagesAsync(_factory, department, 50, now));
        }

        var runs = new List<Task<int>>();
        for (var round = 0; round < 3; round++)
        {
            runs.Add(RunOnceAsync("instance-a"));
            runs.Add(RunOnceAsync("instance-b"));
        }

        var handled = (await Task.WhenAll(runs)).Sum();

        Assert.Equal(200, handled);
        var posts = await PublishingTestData.WithDbAsync(_factory, db => db.SandboxPosts.Where(p => p.Text.StartsWith("Message")).ToListAsync());
        Assert.Equal(200, posts.Count);
        Assert.Equal(200, posts.Select(p => p.Text).Distinct().Count());
        Assert.Equal(200, await PublishingTestData.WithDbAsync(_factory, db => db.Messages.CountAsync(m => ids.Contains(m.Id) && m.Status == MessageStatus.Published)));
    }

    [Fact]
    public async Task One_accounts_messages_go_out_in_due_order()
    {
        var now = _factory.UtcNow;
        var later = await PublishingTestData.AddDueMessagesAsync(_factory, 5, 1, now.AddSeconds(-10), "Second");
        var earlier = await PublishingTestData.AddDueMessagesAsync(_factory, 5, 1, now.AddSeconds(-60), "Premier");

        await RunOnceAsync("solo");

        var posts = await PublishingTestData.WithDbAsync(_factory, db => db.SandboxPosts.Where(p => p.DepartmentId == 5).OrderBy(p => p.Id).Select(p => p.Text).ToListAsync());
        Assert.StartsWith("Premier", posts[0], StringComparison.Ordinal);
        Assert.StartsWith("Second", posts[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paused_department_and_national_switch_hold_due_messages()
    {
        var now = _factory.UtcNow.AddSeconds(-1);
        var ids = await PublishingTestData.AddDueMessagesAsync(_factory, 3, 3, now, "Retenu");
        await PublishingTestData.WithDbAsync(_factory, async db =>
        {
            var department = await db.Departments.SingleAsync(d => d.Id == 3);
            department.Pause("admin", "Exercice", _factory.UtcNow);
            return await db.SaveChangesAsync();
        });

        await RunOnceAsync("paused");
        Assert.Equal(0, await PublishingTestData.WithDbAsync(_factory, db => db.Messages.CountAsync(m => ids.Contains(m.Id) && m.Status != MessageStatus.Approved)));

        await PublishingTestData.WithDbAsync(_factory, async db =>
        {
            (await db.Departments.SingleAsync(d => d.Id == 3)).Resume();
            (await db.PublishingSettings.SingleAsync()).PublishingEnabled = false;
            return await db.SaveChangesAsync();
        });
        await RunOnceAsync("national-off");
        Assert.Equal(0, await PublishingTestData.WithDbAsync(_factory, db => db.Messages.CountAsync(m => ids.Contains(m.Id) && m.Status != MessageStatus.Approved)));

        await PublishingTestData.WithDbAsync(_factory, async db =>
        {
            (await db.PublishingSettings.SingleAsync()).PublishingEnabled = true;
            return await db.SaveChangesAsync();
        });
        await RunOnceAsync("resumed");
        Assert.Equal(3, await PublishingTestData.WithDbAsync(_factory, db => db.Messages.CountAsync(m => ids.Contains(m.Id) && m.Status == MessageStatus.Published)));
    }

    [Fact]
    public async Task A_message_edited_after_being_found_due_is_never_published_in_its_old_form()
    {
        var ids = await PublishingTestData.AddDueMessagesAsync(_factory, 4, 1, _factory.UtcNow.AddSeconds(-1), "Ancienne version");
        await PublishingTestData.WithDbAsync(_factory, async db =>
        {
            var message = await db.Messages.SingleAsync(m => m.Id == ids[0]);
            message.Edit("editor", _factory.UtcNow);
            message.Text = "Nouvelle version";
            return await db.SaveChangesAsync();
        });

        await RunOnceAsync("after-edit");

        Assert.False(await PublishingTestData.WithDbAsync(_factory, db => db.SandboxPosts.AnyAsync(p => p.Text.StartsWith("Ancienne version"))));
        Assert.Equal(MessageStatus.Draft, (await PublishingTestData.WithDbAsync(_factory, db => db.Messages.SingleAsync(m => m.Id == ids[0]))).Status);
    }

    [Fact]
    public async Task An_instance_that_died_loses_its_lease_to_another()
    {
        var ids = await PublishingTestData.AddDueMessagesAsync(_factory, 2, 1, _factory.UtcNow.AddSeconds(-1), "Orphelin");
        // An instance claimed it, then died: the lease expired long ago.
        await ClaimAsync(ids[0], "dead", _factory.UtcNow.AddMinutes(-5));

        await RunOnceAsync("survivor");

        Assert.Equal(MessageStatus.Published, (await PublishingTestData.WithDbAsync(_factory, db => db.Messages.SingleAsync(m => m.Id == ids[0]))).Status);
    }

    [Fact]
    public async Task A_live_lease_is_not_taken_over()
    {
        var ids = await PublishingTestData.AddDueMessagesAsync(_factory, 2, 1, _factory.UtcNow.AddSeconds(-1), "En cours");
        await ClaimAsync(ids[0], "busy", _factory.UtcNow.AddMinutes(1));

        Assert.Equal(0, await RunOnceAsync("other"));
    }

    /// <summary>As an instance's claim leaves a message: its delivery sending under a lease, the message publishing.</summary>
    private Task ClaimAsync(long id, string owner, DateTime leaseExpires) => PublishingTestData.WithDbAsync(_factory, async db =>
    {
        await db.Deliveries.Where(d => d.MessageId == id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, DeliveryStatus.Sending)
            .SetProperty(d => d.LeaseOwner, owner)
            .SetProperty(d => d.LeaseToken, Guid.NewGuid())
            .SetProperty(d => d.LeaseExpiresAtUtc, leaseExpires));
        return await db.Messages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Publishing));
    });

    [Fact]
    public async Task Publishing_records_lag_and_outcome_metrics()
    {
        using var collector = new MetricCollector<long>(_factory.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), PublisherMetrics.MeterName, "policefeeds.publisher.published");
        await PublishingTestData.AddDueMessagesAsync(_factory, 1, 2, _factory.UtcNow.AddSeconds(-1), "Mesuré");

        await RunOnceAsync("metrics");

        Assert.Equal(2, collector.GetMeasurementSnapshot().Sum(m => m.Value));
    }
}
