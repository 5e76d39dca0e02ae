using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Messages;

public sealed class ValidationFlowTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    private async Task<long> SubmittedAppealAsync(string officer = "", int department = DemoUsers.Department44)
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(officer.Length > 0 ? officer : DemoUsers.Officer44);
        // Scheduled two days ahead, so that the running publisher leaves it alone during the test.
        var later = MessageTestData.ParisLocalInDays(factory, 2);
        using var form = MessageTestData.ComposeForm(department, MessageTestData.MissingPerson, "Disparition inquiétante : merci de relayer. " + Guid.NewGuid(), ScheduleMode.At, later);
        using var response = await client.ComposeAsync(form, "Submit", department);
        return MessageTestData.IdFromLocation(response);
    }

    [Fact]
    public async Task Validator_of_the_department_approves_and_the_message_is_scheduled()
    {
        var id = await SubmittedAppealAsync();
        using var validator = factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);

        using var response = await validator.ActAsync(id, "Approve");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var message = await MessageTestData.LoadAsync(factory, id);
        Assert.Equal(MessageStatus.Approved, message.Status);
        Assert.NotNull(message.DueAtUtc);
        Assert.NotNull(message.ValidatorId);
    }

    [Fact]
    public async Task Validator_rejects_with_a_reason_that_the_author_sees()
    {
        var id = await SubmittedAppealAsync();
        using var validator = factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);

        using var response = await validator.ActAsync(id, "Reject", new KeyValuePair<string, string>("RejectionReason", "Photo floue, merci d'en choisir une autre."));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var author = factory.CreateTestClient();
        await author.SignInAsync(DemoUsers.Officer44);
        var page = await author.GetPageAsync($"/Messages/{id}");
        Assert.Equal("Photo floue, merci d'en choisir une autre.", page.QuerySelector("[data-testid=rejection-reason]")!.TextContent);
        Assert.Equal(MessageStatus.Rejected, (await MessageTestData.LoadAsync(factory, id)).Status);
    }

    [Fact]
    public async Task Rejection_without_a_reason_is_refused_in_french()
    {
        var id = await SubmittedAppealAsync();
        using var validator = factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);

        using var response = await validator.ActAsync(id, "Reject", new KeyValuePair<string, string>("RejectionReason", "   "));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.StartsWith("Indiquez le motif du refus", StringComparison.Ordinal));
        Assert.Equal(MessageStatus.Submitted, (await MessageTestData.LoadAsync(factory, id)).Status);
    }

    [Fact]
    public async Task Officer_cannot_approve_a_message()
    {
        var id = await SubmittedAppealAsync();
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var version = (await MessageTestData.LoadAsync(factory, id)).Version;

        using var response = await client.PostFormAsync($"/Messages/{id}", [new("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture))], $"/Messages/{id}?handler=Approve");

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("AccessDenied", StringComparison.Ordinal) != false);
        Assert.Equal(MessageStatus.Submitted, (await MessageTestData.LoadAsync(factory, id)).Status);
    }

    [Fact]
    public async Task Validator_never_validates_their_own_message()
    {
        var id = await SubmittedAppealAsync(DemoUsers.Validator44);
        using var validator = factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);
        var page = await validator.GetPageAsync($"/Messages/{id}");
        Assert.Null(page.QuerySelector("form[action*='handler=Approve']"));

        var version = (await MessageTestData.LoadAsync(factory, id)).Version;
        using var response = await validator.PostFormAsync($"/Messages/{id}", [new("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture))], $"/Messages/{id}?handler=Approve");

        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.StartsWith("Vous ne pouvez pas valider un message que vous avez rédigé", StringComparison.Ordinal));
        Assert.Equal(MessageStatus.Submitted, (await MessageTestData.LoadAsync(factory, id)).Status);
    }

    [Fact]
    public async Task Editing_a_scheduled_appeal_sends_it_back_for_validation_out_of_the_queue()
    {
        var id = await SubmittedAppealAsync();
        using (var validator = factory.CreateTestClient())
        {
            await validator.SignInAsync(DemoUsers.Validator44);
            using var approved = await validator.ActAsync(id, "Approve");
        }

        using var author = factory.CreateTestClient();
        await author.SignInAsync(DemoUsers.Officer44);
        var version = (await MessageTestData.LoadAsync(factory, id)).Version;
        var later = MessageTestData.ParisLocalInDays(factory, 3);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.MissingPerson, "Texte corrigé après validation", ScheduleMode.At, later, version);
        using var response = await author.PostMultipartAsync($"/Messages/Edit/{id}", form, $"/Messages/Edit/{id}?handler=Save", "#message-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var message = await MessageTestData.LoadAsync(factory, id);
        // The category requires validation (EditValidationRule): a validator must see the new version.
        Assert.Equal(MessageStatus.Submitted, message.Status);
        Assert.Null(message.NextAttemptAtUtc);
        Assert.Null(message.ValidatorId);
        Assert.Equal("Texte corrigé après validation", message.Text);
    }

    [Fact]
    public async Task Second_person_saving_the_same_version_gets_a_conflict_and_loses_nothing_silently()
    {
        using var author = factory.CreateTestClient();
        await author.SignInAsync(DemoUsers.Officer44);
        using var create = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "Version d'origine");
        var id = MessageTestData.IdFromLocation(await author.ComposeAsync(create));
        var version = (await MessageTestData.LoadAsync(factory, id)).Version;

        using var first = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "Modification de l'officier", version: version);
        using var firstResponse = await author.PostMultipartAsync($"/Messages/Edit/{id}", first, $"/Messages/Edit/{id}?handler=Save", "#message-form");
        Assert.Equal(HttpStatusCode.Redirect, firstResponse.StatusCode);

        using var validator = factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);
        using var second = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "Modification concurrente du valideur", version: version);
        using var secondResponse = await validator.PostMultipartAsync($"/Messages/Edit/{id}", second, $"/Messages/Edit/{id}?handler=Save", "#message-form");

        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(secondResponse), e => e.StartsWith("Quelqu'un d'autre a modifié", StringComparison.Ordinal));
        var page = await TestClient.ParseAsync(secondResponse);
        Assert.Equal("Modification concurrente du valideur", page.QuerySelector("#Input_Text")!.TextContent);
        Assert.Equal("Modification de l'officier", (await MessageTestData.LoadAsync(factory, id)).Text);
    }

    [Fact]
    public async Task Cancelling_writes_an_audit_entry_and_takes_the_message_out_of_the_queue()
    {
        using var author = factory.CreateTestClient();
        await author.SignInAsync(DemoUsers.Officer44);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "À annuler", ScheduleMode.At, MessageTestData.ParisLocalInDays(factory, 3));
        var id = MessageTestData.IdFromLocation(await author.ComposeAsync(form, "Submit"));

        using var response = await author.ActAsync(id, "Cancel");

        var message = await MessageTestData.LoadAsync(factory, id);
        Assert.Equal(MessageStatus.Cancelled, message.Status);
        Assert.Null(message.NextAttemptAtUtc);
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == id.ToString() && a.Action == "message.cancelled" && a.FromStatus == "Approved"));
    }
}
