using System.Net;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Officer;

/// <summary>
/// Submitting a text the department's account published recently (X refuses duplicates): the message is kept as a
/// draft, the compose page warns, and "Soumettre quand même" goes on.
/// </summary>
public sealed class DuplicateTextWarningTests : IClassFixture<PoliceFeedsAppFactory>
{
    private readonly PoliceFeedsAppFactory _factory;

    public DuplicateTextWarningTests(PoliceFeedsAppFactory factory)
    {
        _factory = factory;

        // The tests read a submitted message's status right after "Soumettre": the hosted publisher, which would take a
        // due message of 44's training account within milliseconds, is not needed here.
        _factory.Settings["Publishing:RunHostedService"] = "false";
    }

    [Fact]
    public async Task Submitting_the_text_of_a_recent_post_warns_and_keeps_a_draft_then_submit_anyway_goes_on()
    {
        var marker = Guid.NewGuid().ToString("N");
        var published = await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, $"Fermez vos portes à clé {marker}", MessageStatus.Published, _factory.UtcNow.AddHours(-3));
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, $"  FERMEZ vos  portes a clé {marker} ");

        using var response = await client.ComposeAsync(form, "Submit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Contains("warnDuplicate=true", location, StringComparison.OrdinalIgnoreCase);
        var id = long.Parse(location.Split('?')[0].Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var draft = await MessageTestData.LoadAsync(_factory, id);
        Assert.Equal(MessageStatus.Draft, draft.Status);
        var page = await client.GetPageAsync(location);
        var warning = page.QuerySelector("[data-testid=duplicate-warning]");
        Assert.NotNull(warning);
        Assert.Contains($"n° {published}", warning.TextContent, StringComparison.Ordinal);
        Assert.NotNull(warning.QuerySelector($"a[href='/Messages/{published}']"));
        Assert.NotNull(warning.QuerySelector("[data-testid=submit-anyway][name='Input.ConfirmDuplicate'][value=true]"));

        using var anyway = OfficerTestData.EditForm(draft, draft.Text);
        anyway.Add(new StringContent("true"), "Input.ConfirmDuplicate");
        using var submitted = await client.EditAsync(id, anyway, "Submit");

        Assert.Equal($"/Messages/{id}", submitted.Headers.Location!.OriginalString);
        Assert.Equal(MessageStatus.Approved, (await MessageTestData.LoadAsync(_factory, id)).Status);
    }

    [Fact]
    public async Task A_different_text_or_a_post_of_another_department_gives_no_warning()
    {
        var marker = Guid.NewGuid().ToString("N");
        await OfficerTestData.AddAsync(_factory, DemoUsers.Department35, MessageTestData.Prevention, $"Conseil du jour {marker}", MessageStatus.Published, _factory.UtcNow.AddHours(-1), authorEmail: DemoUsers.Officer35);
        await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, $"Conseil du jour {marker} !", MessageStatus.Published, _factory.UtcNow.AddHours(-1));
        await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, $"Conseil du jour {marker}", MessageStatus.Published, _factory.UtcNow.AddDays(-45));
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, $"Conseil du jour {marker}");

        using var response = await client.ComposeAsync(form, "Submit");

        var id = MessageTestData.IdFromLocation(response);
        Assert.Equal($"/Messages/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(MessageStatus.Approved, (await MessageTestData.LoadAsync(_factory, id)).Status);
    }

    [Fact]
    public async Task Saving_a_draft_with_the_same_text_gives_no_warning()
    {
        var marker = Guid.NewGuid().ToString("N");
        await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, $"Brouillon identique {marker}", MessageStatus.Published, _factory.UtcNow.AddHours(-1));
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, $"Brouillon identique {marker}");

        using var response = await client.ComposeAsync(form);

        var id = MessageTestData.IdFromLocation(response);
        Assert.Equal($"/Messages/{id}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Submitting_a_draft_from_its_page_with_the_text_of_a_recent_post_warns_keeps_it_a_draft_then_submit_anyway_goes_on()
    {
        var marker = Guid.NewGuid().ToString("N");
        var published = await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, $"Fermez vos fenêtres {marker}", MessageStatus.Published, _factory.UtcNow.AddHours(-2));
        var id = await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, $"FERMEZ vos  fenetres {marker}", MessageStatus.Draft);
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        using var response = await client.ActAsync(id, "Submit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var draft = await MessageTestData.LoadAsync(_factory, id);
        Assert.Equal(MessageStatus.Draft, draft.Status);
        var warning = (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=duplicate-warning]");
        Assert.NotNull(warning);
        Assert.Contains($"n° {published}", warning.TextContent, StringComparison.Ordinal);
        Assert.NotNull(warning.QuerySelector($"a[href='/Messages/{published}']"));
        Assert.NotNull(warning.QuerySelector($"a[href='/Messages/Edit/{id}']"));
        Assert.NotNull(warning.QuerySelector("input[name=ConfirmDuplicate][value=true]"));
        Assert.NotNull(warning.QuerySelector("[data-testid=submit-anyway]"));

        using var anyway = await client.ActAsync(id, "Submit", new KeyValuePair<string, string>("ConfirmDuplicate", "true"));

        Assert.Equal($"/Messages/{id}", anyway.Headers.Location!.OriginalString);
        Assert.Equal(MessageStatus.Approved, (await MessageTestData.LoadAsync(_factory, id)).Status);
    }

    [Fact]
    public async Task Submitting_a_draft_from_its_page_with_a_new_text_gives_no_warning()
    {
        var marker = Guid.NewGuid().ToString("N");
        await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, $"Conseil publié {marker}", MessageStatus.Published, _factory.UtcNow.AddHours(-2));
        var id = await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, $"Conseil nouveau {marker}", MessageStatus.Draft);
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        using var response = await client.ActAsync(id, "Submit");

        Assert.Equal($"/Messages/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(MessageStatus.Approved, (await MessageTestData.LoadAsync(_factory, id)).Status);
    }

    [Fact]
    public async Task An_officer_of_another_department_cannot_submit_or_probe_a_draft_from_its_page()
    {
        var marker = Guid.NewGuid().ToString("N");
        await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, $"Texte publié {marker}", MessageStatus.Published, _factory.UtcNow.AddHours(-2));
        var id = await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, $"Texte publié {marker}", MessageStatus.Draft);
        var version = (await MessageTestData.LoadAsync(_factory, id)).Version;
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer35);

        using var response = await client.Http.PostAsync(new Uri($"/Messages/{id}?handler=Submit", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", await client.AntiforgeryTokenAsync()),
            new("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(MessageStatus.Draft, (await MessageTestData.LoadAsync(_factory, id)).Status);
    }
}
