using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.FakeX;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Officer;

namespace PoliceFeeds.IntegrationTests.Publishing;

/// <summary>
/// A scheduled message edited through the real page, then the publisher on a frozen clock shared with the fake X: its
/// delivery goes out when the message says, once, never at the time it had before the edit.
/// </summary>
public sealed class ScheduledEditPublishingTests : IAsyncLifetime
{
    private const int Department = DemoUsers.Department44;
    private const string TimeZone = "Europe/Paris";

    // Tuesday 10 February 2026, 11:00 in Paris.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 2, 10, 10, 0, 0, TimeSpan.Zero));
    private LivePublishing _live = null!;

    public async Task InitializeAsync()
    {
        _live = await LivePublishing.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock));
        _live.X.Clock = _clock;
        await _live.MakeLiveAsync(Department);
    }

    public async Task DisposeAsync() => await _live.DisposeAsync();

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private void AdvanceTo(DateTime utc) => _clock.Advance(utc - Now);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_scheduled_message_moved_by_an_edit_goes_out_once_at_its_new_time_and_nothing_at_the_old_one(bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        var tomorrowAt8 = DepartmentTime.ToUtc(new DateTime(2026, 2, 11, 8, 0, 0, DateTimeKind.Unspecified), TimeZone).Utc!.Value;
        var inThreeDaysAt8 = DepartmentTime.ToUtc(new DateTime(2026, 2, 13, 8, 0, 0, DateTimeKind.Unspecified), TimeZone).Utc!.Value;
        const string original = "Contrôles de vitesse demain matin sur la rocade";
        const string edited = "Contrôles de vitesse vendredi matin sur la rocade";
        var id = (await PublishingTestData.AddDueMessagesAsync(_live.Factory, Department, 1, tomorrowAt8, "x", m =>
        {
            m.Text = original;
            m.CategoryId = MessageTestData.Prevention;
            m.CreatedAtUtc = Now.AddHours(-1);
            m.UpdatedAtUtc = Now.AddHours(-1);
            m.ScheduleMode = ScheduleMode.At;
            m.ScheduledAtUtc = tomorrowAt8;
        }))[0];
        Assert.Equal(tomorrowAt8, (await _live.DeliveryAsync(id)).NextAttemptAtUtc);

        using (var officer = _live.Factory.CreateTestClient())
        {
            await officer.SignInAsync(DemoUsers.Officer44);
            using var form = OfficerTestData.EditForm(await _live.MessageAsync(id), edited, scheduledLocal: "2026-02-13T08:00");
            using var response = await officer.EditAsync(id, form);
            Assert.Equal($"/Messages/{id}", response.Headers.Location!.OriginalString);
            var details = await officer.GetPageAsync($"/Messages/{id}");
            Assert.Contains("Modification enregistrée : le message reste programmé", details.Body!.TextContent, StringComparison.Ordinal);
        }

        var message = await _live.MessageAsync(id);
        Assert.Equal((MessageStatus.Approved, inThreeDaysAt8), (message.Status, message.DueAtUtc!.Value));
        Assert.Equal(inThreeDaysAt8, (await _live.DeliveryAsync(id)).NextAttemptAtUtc);

        // Tomorrow 08:01: nothing goes out.
        AdvanceTo(tomorrowAt8.AddMinutes(1));
        await _live.RunOnceAsync();
        Assert.Equal(0, _live.X.RequestCount(FakeXEndpoint.CreatePost));
        Assert.Equal(DeliveryStatus.Pending, (await _live.DeliveryAsync(id)).Status);

        // In three days at 08:00: the edited text, once.
        AdvanceTo(inThreeDaysAt8.AddSeconds(-1));
        await _live.RunOnceAsync();
        Assert.Empty(_live.X.Posts);
        AdvanceTo(inThreeDaysAt8.AddMinutes(1));
        await _live.RunOnceAsync();
        await _live.RunOnceAsync();

        var post = Assert.Single(_live.X.Posts);
        Assert.Equal(edited, post.SentText);
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
        var delivery = await _live.DeliveryAsync(id);
        Assert.Equal((DeliveryStatus.Sent, post.Id), (delivery.Status, delivery.RemotePostId));
        Assert.Equal(MessageStatus.Published, (await _live.MessageAsync(id)).Status);
    }
}
