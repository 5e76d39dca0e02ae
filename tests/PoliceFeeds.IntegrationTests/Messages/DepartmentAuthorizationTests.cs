using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Templates;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Messages;

/// <summary>An officer or validator of 44 never sees, opens, edits or validates a message of 35.</summary>
public sealed class DepartmentAuthorizationTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    private async Task<(long Id, long PhotoId)> MessageOf35Async()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer35);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department35, MessageTestData.MissingPerson, "Message confidentiel du 35 " + Guid.NewGuid());
        form.AddPhoto(0, MessageTestData.Png, "p.png", "Photo du 35", "image/png");
        var id = MessageTestData.IdFromLocation(await client.ComposeAsync(form, "Submit", DemoUsers.Department35));
        var message = await MessageTestData.LoadAsync(factory, id);
        return (id, message.Photos[0].Id);
    }

    [Theory]
    [InlineData("officer")]
    [InlineData("validator")]
    public async Task People_of_44_cannot_open_anything_of_35(string who)
    {
        var (id, photoId) = await MessageOf35Async();
        using var client = factory.CreateTestClient();
        await client.SignInAsync(who == "officer" ? DemoUsers.Officer44 : DemoUsers.Validator44);

        foreach (var url in new[] { $"/Messages/{id}", $"/Messages/Edit/{id}", $"/Messages/{id}/Photos/{photoId}", $"/Messages?departmentId={DemoUsers.Department35}", $"/Messages/Edit?departmentId={DemoUsers.Department35}" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{url} answered {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("Approve")]
    [InlineData("Reject")]
    [InlineData("Cancel")]
    [InlineData("Submit")]
    [InlineData("Retry")]
    public async Task Validator_of_44_cannot_act_on_a_message_of_35(string handler)
    {
        var (id, _) = await MessageOf35Async();
        var before = await MessageTestData.LoadAsync(factory, id);
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Validator44);
        var token = await client.AntiforgeryTokenAsync();

        using var response = await client.Http.PostAsync(
            new Uri($"/Messages/{id}?handler={handler}", UriKind.Relative),
            new FormUrlEncodedContent([new("Version", before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("RejectionReason", "non"), new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var after = await MessageTestData.LoadAsync(factory, id);
        Assert.Equal((before.Status, before.Version), (after.Status, after.Version));
    }

    [Fact]
    public async Task Officer_of_44_cannot_edit_a_message_of_35_by_posting_the_form()
    {
        var (id, _) = await MessageOf35Async();
        var before = await MessageTestData.LoadAsync(factory, id);
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department35, MessageTestData.Prevention, "Piratage", version: before.Version);

        using var response = await client.PostMultipartAsync("/Messages/Edit?departmentId=1", form, $"/Messages/Edit/{id}?handler=Save", "#message-form");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before.Text, (await MessageTestData.LoadAsync(factory, id)).Text);
    }

    [Fact]
    public async Task Compose_form_posted_for_35_by_an_officer_of_44_is_redrawn_without_35s_templates_handle_or_mode()
    {
        var templateName = "Modèle secret du 35 " + Guid.NewGuid().ToString("N")[..8];
        int templateId;
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
            var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var template = new MessageTemplate { DepartmentId = DemoUsers.Department35, Name = templateName, CategoryId = MessageTestData.Prevention, Text = "Texte du 35", UpdatedById = "seed", CreatedAtUtc = now, UpdatedAtUtc = now };
            db.MessageTemplates.Add(template);
            await db.SaveChangesAsync();
            templateId = template.Id;
            await db.PublishingAccounts.Where(a => a.DepartmentId == DemoUsers.Department35).ExecuteUpdateAsync(s => s.SetProperty(a => a.Mode, AccountMode.Live));
        }

        try
        {
            var before = await MessageTestData.CountMessagesAsync(factory);
            using var client = factory.CreateTestClient();
            await client.SignInAsync(DemoUsers.Officer44);
            using var form = MessageTestData.ComposeForm(DemoUsers.Department35, MessageTestData.Prevention, "Message posté pour le 35");

            using var response = await client.ComposeAsync(form, "Submit");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            var page = await TestClient.ParseAsync(response);
            Assert.Null(page.QuerySelector($"[data-testid=template-picker] option[value='{templateId}']"));
            Assert.DoesNotContain(templateName, html, StringComparison.Ordinal);
            Assert.DoesNotContain("PoliceNat35", html, StringComparison.Ordinal);
            Assert.Equal("false", page.QuerySelector("#message-form")!.GetAttribute("data-live-account"));
            Assert.Equal(before, await MessageTestData.CountMessagesAsync(factory));
        }
        finally
        {
            await using var scope = factory.CreateScope();
            await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().PublishingAccounts.Where(a => a.DepartmentId == DemoUsers.Department35).ExecuteUpdateAsync(s => s.SetProperty(a => a.Mode, AccountMode.Sandbox));
        }
    }

    [Fact]
    public async Task Lists_of_44_never_show_a_message_of_35()
    {
        var (id, _) = await MessageOf35Async();
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Validator44);

        var page = await client.GetPageAsync("/Messages");

        Assert.Null(page.QuerySelector($"[data-message-id='{id}']"));
        Assert.DoesNotContain("Message confidentiel du 35", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"select#departmentId option[value='{DemoUsers.Department35}']"));
    }

    [Fact]
    public async Task Missing_antiforgery_token_changes_nothing()
    {
        var (id, _) = await MessageOf35Async();
        var before = await MessageTestData.LoadAsync(factory, id);
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Validator35);

        using var response = await client.Http.PostAsync(new Uri($"/Messages/{id}?handler=Approve", UriKind.Relative), new FormUrlEncodedContent([new("Version", before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(MessageStatus.Submitted, (await MessageTestData.LoadAsync(factory, id)).Status);
    }
}
