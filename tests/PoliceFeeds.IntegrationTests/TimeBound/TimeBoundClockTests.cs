using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.TimeBound;

/// <summary>Deviations that end at their time and appeals redacted after their delay, on the sandbox timeline, with a fake clock.</summary>
public sealed class TimeBoundClockTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 2, 10, 8, 0, 0, TimeSpan.Zero));
    private LivePublishing _live = null!;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    public async Task InitializeAsync() =>
        _live = await LivePublishing.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _live.DisposeAsync();

    private async Task<long> PublishToSandboxAsync(int categoryId, string text, Action<Message>? customise = null)
    {
        var id = (await PublishingTestData.AddDueMessagesAsync(_live.Factory, DemoUsers.Department62, 1, Now, text, m =>
        {
            m.CategoryId = categoryId;
            customise?.Invoke(m);
        })).Single();
        await _live.RunOnceAsync();
        Assert.Equal(MessageStatus.Published, (await _live.MessageAsync(id)).Status);
        return id;
    }

    private Task<DateTime?> NextWakeUpAsync() => PublishingTestData.WithDbAsync(_live.Factory, async _ =>
    {
        await using var scope = _live.Factory.CreateScope();
        var processor = ActivatorUtilities.CreateInstance<PublishingProcessor>(scope.ServiceProvider, Options.Create(new PublishingOptions()));
        return await processor.NextWakeUpAsync(CancellationToken.None);
    });

    [Fact]
    public async Task A_deviation_is_followed_by_its_end_reply_at_its_end_time_and_not_before()
    {
        var endsAt = Now.AddHours(2);
        var id = await PublishToSandboxAsync(TimeBoundTestData.RoadDeviation, "Déviation sur l'A26 après un accident, sortie 7 fermée", m => m.EndsAtUtc = endsAt);
        var postId = (await _live.MessageAsync(id)).XPostId;
        Assert.Equal(endsAt, await NextWakeUpAsync());

        _clock.Advance(TimeSpan.FromMinutes(119));
        await _live.RunOnceAsync();
        Assert.Empty(await TimeBoundTestData.FollowUpsAsync(_live.Factory, id));

        _clock.Advance(TimeSpan.FromMinutes(1));
        await _live.RunOnceAsync();

        var deviation = await _live.MessageAsync(id);
        Assert.Equal((MessageStatus.Published, endsAt), (deviation.Status, deviation.EndedAtUtc!.Value));
        var reply = Assert.Single(await TimeBoundTestData.FollowUpsAsync(_live.Factory, id));
        Assert.Equal((FollowUpKind.DeviationEnd, MessageStatus.Published), (reply.FollowUpKind, reply.Status));
        var expectedText = TimeBoundDefaults.FillDeviationEnd(TimeBoundDefaults.DeviationEndTemplate, DepartmentTime.ToLocal(endsAt, "Europe/Paris"));
        Assert.Equal(expectedText, reply.Text);
        Assert.Contains("10/02/2026 à 11h00", reply.Text, StringComparison.Ordinal); // 10:00 UTC is 11:00 in Paris in winter
        var post = await PublishingTestData.WithDbAsync(_live.Factory, db => db.SandboxPosts.SingleAsync(p => p.PostId == reply.XPostId));
        Assert.Equal(postId, post.InReplyToPostId);

        // Later rounds do nothing more.
        _clock.Advance(TimeSpan.FromHours(1));
        await _live.RunOnceAsync();
        Assert.Single(await TimeBoundTestData.FollowUpsAsync(_live.Factory, id));
        Assert.Single(await TimeBoundTestData.AuditActionsAsync(_live.Factory, id), a => a == "message.deviation_ended");
    }

    [Fact]
    public async Task Where_the_department_deletes_ended_deviations_the_post_leaves_the_timeline_at_the_end_time()
    {
        await PublishingTestData.WithDbAsync(_live.Factory, db => db.Departments.Where(d => d.Id == DemoUsers.Department62)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.DeviationEndAction, DeviationEndAction.Delete)));
        var id = await PublishToSandboxAsync(TimeBoundTestData.RoadDeviation, "Neige : RD939 fermée entre Arras et Saint-Pol", m => m.EndsAtUtc = Now.AddMinutes(30));
        var postId = (await _live.MessageAsync(id)).XPostId;

        _clock.Advance(TimeSpan.FromMinutes(30));
        await _live.RunOnceAsync();

        Assert.Equal(MessageStatus.Withdrawn, (await _live.MessageAsync(id)).Status);
        Assert.False(await PublishingTestData.WithDbAsync(_live.Factory, db => db.SandboxPosts.AnyAsync(p => p.PostId == postId)));
        Assert.Empty(await TimeBoundTestData.FollowUpsAsync(_live.Factory, id));
    }

    [Fact]
    public async Task A_deviation_still_waiting_when_its_end_time_passes_is_cancelled_not_posted_late()
    {
        await PublishingTestData.WithDbAsync(_live.Factory, db => db.Departments.Where(d => d.Id == DemoUsers.Department62)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.PublishingPaused, true)));
        var id = (await PublishingTestData.AddDueMessagesAsync(_live.Factory, DemoUsers.Department62, 1, Now, "Déviation en attente", m =>
        {
            m.CategoryId = TimeBoundTestData.RoadDeviation;
            m.EndsAtUtc = Now.AddMinutes(20);
        })).Single();
        _clock.Advance(TimeSpan.FromMinutes(21));
        await PublishingTestData.WithDbAsync(_live.Factory, db => db.Departments.Where(d => d.Id == DemoUsers.Department62)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.PublishingPaused, false)));

        await _live.RunOnceAsync();

        var message = await _live.MessageAsync(id);
        Assert.Equal(MessageStatus.Cancelled, message.Status);
        Assert.Null(message.XPostId);
        Assert.False(await PublishingTestData.WithDbAsync(_live.Factory, db => db.SandboxPosts.AnyAsync(p => p.Text == "Déviation en attente")));
    }

    [Fact]
    public async Task A_found_appeal_leaves_the_timeline_at_once_and_its_text_and_photos_are_redacted_after_the_set_days()
    {
        var id = await PublishToSandboxAsync(TimeBoundTestData.MissingPerson, "Appel à témoins : Jeanne Martin, 15 ans, vue à Lens", m =>
            m.Photos.Add(new MessagePhoto { AltText = "Photo de Jeanne Martin", ContentType = "image/png", Content = MessageTestData.Png, Length = MessageTestData.Png.Length }));
        var postId = (await _live.MessageAsync(id)).XPostId;

        using var validator = _live.Factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator62);
        using var response = await validator.ActAsync(id, "Found");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        await _live.RunOnceAsync();

        var found = await MessageTestData.LoadAsync(_live.Factory, id);
        Assert.Equal(MessageStatus.Withdrawn, found.Status);
        Assert.False(await PublishingTestData.WithDbAsync(_live.Factory, db => db.SandboxPosts.AnyAsync(p => p.PostId == postId)));
        Assert.Equal(Now.AddDays(30), found.RedactAtUtc);
        Assert.Single(found.Photos);

        _clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        await _live.RunOnceAsync();
        Assert.StartsWith("Appel à témoins : Jeanne", (await _live.MessageAsync(id)).Text, StringComparison.Ordinal);
        Assert.Equal(found.RedactAtUtc, await NextWakeUpAsync());

        _clock.Advance(TimeSpan.FromMinutes(1));
        await _live.RunOnceAsync();

        var redacted = await MessageTestData.LoadAsync(_live.Factory, id);
        Assert.Equal(Message.RedactedText, redacted.Text);
        Assert.Empty(redacted.Photos);
        Assert.Equal(Now, redacted.RedactedAtUtc);
        Assert.Equal(["message.published", "message.person_found", "message.withdrawn", "message.redacted"], await TimeBoundTestData.AuditActionsAsync(_live.Factory, id));
        Assert.False(await PublishingTestData.WithDbAsync(_live.Factory, db => db.AuditEntries.AnyAsync(a => a.Details != null && a.Details.Contains("Jeanne"))));
    }
}
