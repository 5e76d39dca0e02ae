using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Publishing;

/// <summary>An inactive department publishes nothing, even a message approved before it was deactivated; its takedowns still go out.</summary>
public sealed class InactiveDepartmentPublishingTests : IAsyncLifetime
{
    private LivePublishing _live = null!;

    public async Task InitializeAsync() => _live = await LivePublishing.StartAsync();

    public async Task DisposeAsync() => await _live.DisposeAsync();

    private Task SetActiveAsync(int departmentId, bool active) => PublishingTestData.WithDbAsync(_live.Factory, async db =>
    {
        var department = await db.Departments.SingleAsync(d => d.Id == departmentId);
        department.IsActive = active;
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_due_message_of_an_inactive_department_waits_and_goes_out_once_it_is_activated()
    {
        var now = _live.Factory.UtcNow;
        var id = (await PublishingTestData.AddDueMessagesAsync(_live.Factory, DemoUsers.Department62, 1, now, "Inactif")).Single();
        await SetActiveAsync(DemoUsers.Department62, false);

        await _live.RunOnceAsync();
        Assert.Equal(MessageStatus.Approved, (await _live.MessageAsync(id)).Status);
        Assert.Equal(DeliveryStatus.Pending, (await _live.DeliveryAsync(id)).Status);

        await SetActiveAsync(DemoUsers.Department62, true);
        await _live.RunOnceAsync();
        Assert.Equal(MessageStatus.Published, (await _live.MessageAsync(id)).Status);
    }

    [Fact]
    public async Task A_takedown_of_a_department_deactivated_since_still_deletes_the_post()
    {
        var now = _live.Factory.UtcNow;
        var id = (await PublishingTestData.AddDueMessagesAsync(_live.Factory, DemoUsers.Department62, 1, now, "Retrait")).Single();
        await _live.RunOnceAsync();
        Assert.Equal(DeliveryStatus.Sent, (await _live.DeliveryAsync(id)).Status);

        await SetActiveAsync(DemoUsers.Department62, false);
        await PublishingTestData.WithDbAsync(_live.Factory, async db =>
        {
            var delivery = await db.Deliveries.SingleAsync(d => d.MessageId == id);
            delivery.Status = DeliveryStatus.WithdrawalRequested;
            delivery.NextAttemptAtUtc = now;
            return await db.SaveChangesAsync();
        });

        await _live.RunOnceAsync();
        Assert.Equal(DeliveryStatus.Withdrawn, (await _live.DeliveryAsync(id)).Status);
    }
}
