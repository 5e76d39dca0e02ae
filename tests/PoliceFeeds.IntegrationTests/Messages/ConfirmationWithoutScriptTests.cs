using System.Net;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Officer;

namespace PoliceFeeds.IntegrationTests.Messages;

/// <summary>
/// Without JavaScript the confirmations of irreversible actions cannot open in place: the button that stands in posts
/// "ask", and the page comes back with the confirmation open. Asking changes nothing, and is checked by department.
/// </summary>
public sealed class ConfirmationWithoutScriptTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Fact]
    public async Task Asking_to_cancel_shows_the_confirmation_open_and_changes_nothing_until_it_is_confirmed()
    {
        var id = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.Prevention, $"Brouillon à annuler {Guid.NewGuid():N}", MessageStatus.Draft);
        using var officer = factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        var version = (await MessageTestData.LoadAsync(factory, id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var asked = await officer.PostFormAsync($"/Messages/{id}", [new("Version", version), new("AskConfirmation", "true")], $"/Messages/{id}?handler=Cancel", "#cancel-form");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var page = await TestClient.ParseAsync(asked);
        var dialog = page.QuerySelector("dialog#confirm-cancel");
        Assert.NotNull(dialog);
        Assert.True(dialog.HasAttribute("open"));
        Assert.Contains("fr-modal--opened", dialog.ClassName, StringComparison.Ordinal);
        Assert.Equal(MessageStatus.Draft, (await MessageTestData.LoadAsync(factory, id)).Status);

        using var confirmed = await officer.PostFormAsync($"/Messages/{id}", [new("Version", version)], $"/Messages/{id}?handler=Cancel", "#cancel-form");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(MessageStatus.Cancelled, (await MessageTestData.LoadAsync(factory, id)).Status);
    }

    [Fact]
    public async Task Asking_to_mark_a_person_found_keeps_the_appeal_online_and_shows_the_confirmation_with_the_choice_made()
    {
        var id = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.MissingPerson, $"Appel à témoins {Guid.NewGuid():N}", MessageStatus.Published, factory.UtcNow.AddHours(-1));
        using var validator = factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);
        var version = (await MessageTestData.LoadAsync(factory, id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // The officer unticked "prepare a thank-you" before pressing the button: the confirmation keeps that choice.
        using var asked = await validator.PostFormAsync($"/Messages/{id}", [new("Version", version), new("AskConfirmation", "true")], $"/Messages/{id}?handler=Found", "#found-form");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var page = await TestClient.ParseAsync(asked);
        Assert.True(page.QuerySelector("dialog#confirm-found")?.HasAttribute("open"));
        Assert.False(page.QuerySelector("#PrepareThanks")?.HasAttribute("checked"));
        var message = await MessageTestData.LoadAsync(factory, id);
        Assert.Equal(MessageStatus.Published, message.Status);
        Assert.Null(message.FoundAtUtc);
    }

    [Fact]
    public async Task Asking_about_another_department_s_message_is_refused_like_the_action_itself()
    {
        var id = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.Prevention, $"Brouillon du 44 {Guid.NewGuid():N}", MessageStatus.Draft);
        using var other = factory.CreateTestClient();
        await other.SignInAsync(DemoUsers.Officer35);

        using var asked = await other.Http.PostAsync(new Uri($"/Messages/{id}?handler=Cancel", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", await other.AntiforgeryTokenAsync()),
            new("AskConfirmation", "true"),
        ]));

        Assert.Equal(HttpStatusCode.NotFound, asked.StatusCode);
        Assert.Equal(MessageStatus.Draft, (await MessageTestData.LoadAsync(factory, id)).Status);
    }
}
