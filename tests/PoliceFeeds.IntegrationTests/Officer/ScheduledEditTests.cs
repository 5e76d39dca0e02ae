using PoliceFeeds.Core.Messages;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Officer;

/// <summary>Editing a scheduled message keeps it scheduled unless the department or category rules require validation.</summary>
public sealed class ScheduledEditTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Fact]
    public async Task A_scheduled_prevention_message_edited_stays_scheduled_at_its_new_time_and_the_page_said_so()
    {
        var id = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.Prevention, "Conseil programmé " + Guid.NewGuid(), MessageStatus.Approved, dueAtUtc: factory.UtcNow.AddDays(3));
        var message = await MessageTestData.LoadAsync(factory, id);
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var page = await client.GetPageAsync($"/Messages/Edit/{id}");
        Assert.Contains("reste programmé", page.QuerySelector("[data-testid=scheduled-edit]")!.TextContent, StringComparison.Ordinal);

        var newLocal = factory.UtcNow.AddDays(2).Date.AddHours(10);
        using var form = OfficerTestData.EditForm(message, "Conseil programmé, corrigé", scheduledLocal: newLocal.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        using var response = await client.EditAsync(id, form);

        Assert.Equal($"/Messages/{id}", response.Headers.Location!.OriginalString);
        var after = await MessageTestData.LoadAsync(factory, id);
        Assert.Equal(MessageStatus.Approved, after.Status);
        Assert.Equal("Conseil programmé, corrigé", after.Text);
        var expectedUtc = Core.Scheduling.DepartmentTime.ToUtc(newLocal, "Europe/Paris").Utc;
        Assert.Equal(expectedUtc, after.DueAtUtc);
        Assert.Equal(expectedUtc, after.NextAttemptAtUtc);
        Assert.Contains(await OfficerTestData.AuditAsync(factory, id), a => a.Action == "message.edited_kept_scheduled");
        var details = await client.GetPageAsync($"/Messages/{id}");
        Assert.Contains("reste programmé", details.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_message_moved_to_a_category_that_needs_validation_goes_back_to_the_validators()
    {
        var id = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.Prevention, "Programmé puis reclassé " + Guid.NewGuid(), MessageStatus.Approved, dueAtUtc: factory.UtcNow.AddDays(3));
        var message = await MessageTestData.LoadAsync(factory, id);
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        using var form = OfficerTestData.EditForm(message, "Appel à témoins : reclassé", categoryId: MessageTestData.MissingPerson);
        using var response = await client.EditAsync(id, form, "Submit");

        var after = await MessageTestData.LoadAsync(factory, id);
        Assert.Equal(MessageStatus.Submitted, after.Status);
        Assert.Null(after.DueAtUtc);
        Assert.Null(after.NextAttemptAtUtc);
        Assert.Contains(await OfficerTestData.AuditAsync(factory, id), a => a.Action == "message.resubmitted_after_edit" && a.FromStatus == "Approved" && a.ToStatus == "Submitted");
        var details = await client.GetPageAsync($"/Messages/{id}");
        Assert.Contains("repart en validation", details.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_edit_page_of_a_scheduled_appeal_says_it_goes_back_for_validation()
    {
        var id = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.MissingPerson, "Appel programmé " + Guid.NewGuid(), MessageStatus.Approved, dueAtUtc: factory.UtcNow.AddDays(3));
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        var page = await client.GetPageAsync($"/Messages/Edit/{id}");

        Assert.Contains("repart en validation", page.QuerySelector("[data-testid=scheduled-edit]")!.TextContent, StringComparison.Ordinal);
    }
}
