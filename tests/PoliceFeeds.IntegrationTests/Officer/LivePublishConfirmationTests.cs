using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Officer;

/// <summary>
/// Publishing at once on a live account with no validation needs the person's explicit confirmation, checked by the
/// server: a form posted without it (JavaScript off, or crafted) changes nothing and asks for it, photos kept.
/// </summary>
public sealed class LivePublishConfirmationTests : IClassFixture<PoliceFeedsAppFactory>, IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _factory;

    public LivePublishConfirmationTests(PoliceFeedsAppFactory factory) => _factory = factory;

    public Task InitializeAsync() => SetModeAsync(AccountMode.Live);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task SetModeAsync(AccountMode mode)
    {
        await using var scope = _factory.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().PublishingAccounts
            .Where(a => a.DepartmentId == DemoUsers.Department44).ExecuteUpdateAsync(s => s.SetProperty(a => a.Mode, mode));
    }

    private async Task<int> CountAsync(string text)
    {
        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        return await db.Messages.CountAsync(m => m.Text == text);
    }

    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}";

    [Fact]
    public async Task Submitting_without_the_confirmation_publishes_nothing_asks_to_confirm_and_keeps_the_photos()
    {
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var text = Unique("Fermez vos portes à clé.");
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, text);
        form.AddPhoto(0, MessageTestData.Png, "cadenas.png", "Un cadenas", "image/png");

        using var response = await client.ComposeAsync(form, "Submit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await CountAsync(text));
        var page = await TestClient.ParseAsync(response);
        var alert = page.QuerySelector("[data-testid=live-confirmation]");
        Assert.NotNull(alert);
        Assert.Contains("publié immédiatement sur le compte X réel", alert.TextContent, StringComparison.Ordinal);
        var confirm = alert.QuerySelector("[data-testid=confirm-live]");
        Assert.NotNull(confirm);
        Assert.Equal(("Input.ConfirmLivePublish", "true", "message-form"), (confirm.GetAttribute("name"), confirm.GetAttribute("value"), confirm.GetAttribute("form")));
        Assert.Contains("handler=Submit", confirm.GetAttribute("formaction"), StringComparison.Ordinal);
        var token = ((IHtmlInputElement)page.QuerySelector("input[name='Input.PendingPhotos[0].Token']")!).Value;

        // "Soumettre et publier" posts the same form with the confirmation: submitted, with the kept photo.
        using var confirmed = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, text);
        confirmed.Add(new StringContent(token), "Input.PendingPhotos[0].Token");
        confirmed.Add(new StringContent("cadenas.png"), "Input.PendingPhotos[0].FileName");
        confirmed.Add(new StringContent("Un cadenas", Encoding.UTF8), "Input.PendingPhotos[0].AltText");
        confirmed.Add(new StringContent("true"), "Input.ConfirmLivePublish");
        using var submitted = await client.ComposeAsync(confirmed, "Submit");

        var message = await MessageTestData.LoadAsync(_factory, MessageTestData.IdFromLocation(submitted));
        Assert.Equal(MessageStatus.Approved, message.Status);
        Assert.Single(message.Photos);
    }

    [Fact]
    public async Task The_modal_button_posts_the_confirmation()
    {
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        var page = await client.GetPageAsync($"/Messages/Edit?departmentId={DemoUsers.Department44}");

        var button = page.QuerySelector("#confirm-publish [data-confirm-publish]");
        Assert.NotNull(button);
        Assert.Equal(("Input.ConfirmLivePublish", "true"), (button.GetAttribute("name"), button.GetAttribute("value")));
        Assert.Null(page.QuerySelector("#message-form [data-submit-button][name]"));
    }

    [Fact]
    public async Task Submitting_an_existing_draft_without_the_confirmation_leaves_it_a_draft()
    {
        var text = Unique("Brouillon à publier.");
        var id = await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, text, MessageStatus.Draft);
        var draft = await MessageTestData.LoadAsync(_factory, id);
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        using var form = OfficerTestData.EditForm(draft, text + " modifié");
        using var response = await client.EditAsync(id, form, "Submit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await MessageTestData.LoadAsync(_factory, id);
        Assert.Equal((MessageStatus.Draft, text, draft.Version), (after.Status, after.Text, after.Version));

        using var confirmed = OfficerTestData.EditForm(draft, text + " modifié");
        confirmed.Add(new StringContent("true"), "Input.ConfirmLivePublish");
        using var submitted = await client.EditAsync(id, confirmed, "Submit");

        Assert.Equal($"/Messages/{id}", submitted.Headers.Location!.OriginalString);
        Assert.Equal(MessageStatus.Approved, (await MessageTestData.LoadAsync(_factory, id)).Status);
    }

    [Fact]
    public async Task Moving_a_scheduled_message_to_as_soon_as_possible_needs_the_confirmation_too()
    {
        var text = Unique("Programmé.");
        var due = _factory.UtcNow.AddDays(2);
        var id = await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, text, MessageStatus.Approved, dueAtUtc: due);
        var scheduled = await MessageTestData.LoadAsync(_factory, id);
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, text, ScheduleMode.AsSoonAsValidated, version: scheduled.Version);
        using var response = await client.EditAsync(id, form, "Save");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var confirm = (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=confirm-live]");
        Assert.Contains("handler=Save", confirm?.GetAttribute("formaction"), StringComparison.Ordinal);
        var after = await MessageTestData.LoadAsync(_factory, id);
        Assert.Equal((MessageStatus.Approved, ScheduleMode.At, scheduled.Version), (after.Status, after.ScheduleMode, after.Version));
        Assert.Equal(due, after.DueAtUtc!.Value, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task No_confirmation_is_needed_with_validation_or_at_a_given_time()
    {
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        // Validation required (the category): the validators read it before anything is published.
        using var validated = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.MissingPerson, Unique("Disparition inquiétante."));
        using var toValidators = await client.ComposeAsync(validated, "Submit");
        Assert.Equal(MessageStatus.Submitted, (await MessageTestData.LoadAsync(_factory, MessageTestData.IdFromLocation(toValidators))).Status);

        // At a given time: nothing goes out at once.
        using var later = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, Unique("Conseil programmé."), ScheduleMode.At, MessageTestData.ParisLocalInDays(_factory, 2));
        using var scheduled = await client.ComposeAsync(later, "Submit");
        Assert.Equal(MessageStatus.Approved, (await MessageTestData.LoadAsync(_factory, MessageTestData.IdFromLocation(scheduled))).Status);
    }

    [Fact]
    public async Task No_confirmation_is_needed_on_the_training_account()
    {
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer35);

        using var form = MessageTestData.ComposeForm(DemoUsers.Department35, MessageTestData.Prevention, Unique("Conseil d'entraînement."));
        using var response = await client.ComposeAsync(form, "Submit", DemoUsers.Department35);

        Assert.Equal(MessageStatus.Approved, (await MessageTestData.LoadAsync(_factory, MessageTestData.IdFromLocation(response))).Status);
    }

    [Fact]
    public async Task Submitting_a_draft_from_its_page_on_a_live_account_needs_the_confirmation()
    {
        var text = Unique("Brouillon depuis sa page.");
        var id = await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, text, MessageStatus.Draft);
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        // The button opens the modal; its confirm button alone posts the confirmation.
        var page = await client.GetPageAsync($"/Messages/{id}");
        Assert.Equal("confirm-submit-live", page.QuerySelector("#submit-form [data-testid=submit]")?.GetAttribute("aria-controls"));
        var modalButton = page.QuerySelector("#confirm-submit-live [data-confirm]");
        Assert.Equal(("submit-form", "ConfirmLivePublish", "true"), (modalButton?.GetAttribute("form"), modalButton?.GetAttribute("name"), modalButton?.GetAttribute("value")));

        using var crafted = await client.ActAsync(id, "Submit");

        Assert.Equal(HttpStatusCode.OK, crafted.StatusCode);
        Assert.Equal(MessageStatus.Draft, (await MessageTestData.LoadAsync(_factory, id)).Status);
        var alert = (await TestClient.ParseAsync(crafted)).QuerySelector("[data-testid=live-confirmation]");
        Assert.Contains("publié immédiatement sur le compte X réel", alert?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(alert!.QuerySelector("input[name=ConfirmLivePublish][value=true]"));

        using var confirmed = await client.ActAsync(id, "Submit", new KeyValuePair<string, string>("ConfirmLivePublish", "true"));

        Assert.Equal($"/Messages/{id}", confirmed.Headers.Location!.OriginalString);
        Assert.Equal(MessageStatus.Approved, (await MessageTestData.LoadAsync(_factory, id)).Status);
    }

    [Fact]
    public async Task A_confirmed_live_submission_of_a_duplicate_text_keeps_the_confirmation_when_submitting_anyway()
    {
        var text = Unique("Texte déjà publié.");
        await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, text, MessageStatus.Published, _factory.UtcNow.AddHours(-1));
        var id = await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, text, MessageStatus.Draft);
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        using var response = await client.ActAsync(id, "Submit", new KeyValuePair<string, string>("ConfirmLivePublish", "true"));

        Assert.Equal(MessageStatus.Draft, (await MessageTestData.LoadAsync(_factory, id)).Status);
        var warning = (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=duplicate-warning]");
        Assert.NotNull(warning?.QuerySelector("input[name=ConfirmLivePublish][value=true]"));
        Assert.NotNull(warning.QuerySelector("input[name=ConfirmDuplicate][value=true]"));
    }
}
