using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Officer;

namespace PoliceFeeds.IntegrationTests.SensitiveWords;

/// <summary>
/// Sensitive words: managed by national admins on <c>/Admin/SensitiveWords</c> (audited), they send a message to
/// validation in a category without it, say so beforehand, and show the validator why.
/// </summary>
public sealed class SensitiveWordTests : IClassFixture<PoliceFeedsAppFactory>
{
    private readonly PoliceFeedsAppFactory _factory;

    public SensitiveWordTests(PoliceFeedsAppFactory factory)
    {
        _factory = factory;
        _factory.Settings["Publishing:RunHostedService"] = "false";
    }

    /// <summary>A word of letters only, unique to the test (the lists are shared by the class's database).</summary>
    private static string UniqueWord(string stem) => stem + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray());

    private async Task<TestClient> AdminAsync()
    {
        var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Admin);
        return client;
    }

    private static async Task AddWordAsync(TestClient admin, string phrase, int? departmentId = null)
    {
        var page = departmentId is null ? "/Admin/SensitiveWords" : $"/Admin/SensitiveWords?departmentId={departmentId}";
        var post = departmentId is null ? "/Admin/SensitiveWords?handler=Add" : $"/Admin/SensitiveWords?handler=Add&departmentId={departmentId}";
        using var response = await admin.PostFormAsync(page, [new("Phrase", phrase)], post, "form[data-testid=add-word]");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<int> WordIdAsync(string phrase)
    {
        await using var scope = _factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().SensitiveWords.Where(w => w.Phrase == phrase).Select(w => w.Id).SingleAsync();
    }

    [Fact]
    public async Task A_national_word_sends_a_message_of_a_category_without_validation_to_the_validator_who_sees_why()
    {
        var word = UniqueWord("drogue");
        using (var admin = await AdminAsync())
        {
            await AddWordAsync(admin, word);
        }

        using var officer = _factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, $"Saisie de #{word.ToUpperInvariant()} ce matin");
        using var response = await officer.ComposeAsync(form, "Submit");

        var id = MessageTestData.IdFromLocation(response);
        var message = await MessageTestData.LoadAsync(_factory, id);
        Assert.Equal(MessageStatus.Submitted, message.Status);
        Assert.Equal([word], message.SensitiveWords);
        Assert.Contains(await OfficerTestData.AuditAsync(_factory, id), a => a.Action == "message.submitted" && a.Details == $"mots sensibles : {word}");

        using var validator = _factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);
        var page = await validator.GetPageAsync($"/Messages/{id}");
        var shown = page.QuerySelector("[data-testid=sensitive-words]");
        Assert.NotNull(shown);
        Assert.Contains(word, shown.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_compose_page_and_the_message_page_say_beforehand_that_a_draft_with_a_sensitive_word_goes_to_validation()
    {
        var word = UniqueWord("arme");
        using (var admin = await AdminAsync())
        {
            await AddWordAsync(admin, word);
        }

        var id = await OfficerTestData.AddAsync(_factory, DemoUsers.Department44, MessageTestData.Prevention, $"On a retrouvé l'{word} du crime", MessageStatus.Draft);
        using var officer = _factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);

        var compose = await officer.GetPageAsync($"/Messages/Edit/{id}");
        Assert.Contains("validateur", compose.QuerySelector("[data-testid=submit-outcome]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(word, compose.QuerySelector("[data-testid=sensitive-words]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", compose.QuerySelector("#message-form")!.GetAttribute("data-sensitive-words"));

        var details = await officer.GetPageAsync($"/Messages/{id}");
        Assert.Contains(word, details.QuerySelector("[data-testid=sensitive-words]")!.TextContent, StringComparison.Ordinal);

        using var submitted = await officer.ActAsync(id, "Submit");
        Assert.Equal(MessageStatus.Submitted, (await MessageTestData.LoadAsync(_factory, id)).Status);
    }

    [Fact]
    public async Task The_compose_page_asks_the_server_for_the_words_of_the_text_being_typed_in_the_users_departments_only()
    {
        var word = UniqueWord("saisie");
        using (var admin = await AdminAsync())
        {
            await AddWordAsync(admin, word, DemoUsers.Department44);
        }

        using var officer = _factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        using var own = await officer.PostFormAsync($"/Messages/Edit?departmentId={DemoUsers.Department44}",
            [new("departmentId", "1"), new("text", $"Belle {word.ToUpperInvariant()} !")], "/Messages/Edit?handler=SensitiveWords", "#message-form");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await own.Content.ReadAsStringAsync());
        Assert.Equal([word], json.RootElement.GetProperty("words").EnumerateArray().Select(w => w.GetString()));

        using var other = await officer.PostFormAsync($"/Messages/Edit?departmentId={DemoUsers.Department44}",
            [new("departmentId", "2"), new("text", word)], "/Messages/Edit?handler=SensitiveWords", "#message-form");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Whole_words_only_a_longer_word_containing_it_is_scheduled_at_once()
    {
        var word = UniqueWord("vol");
        using (var admin = await AdminAsync())
        {
            await AddWordAsync(admin, word);
        }

        using var officer = _factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, $"Devenez {word}ontaire !");
        using var response = await officer.ComposeAsync(form, "Submit");

        Assert.Equal(MessageStatus.Approved, (await MessageTestData.LoadAsync(_factory, MessageTestData.IdFromLocation(response))).Status);
    }

    [Fact]
    public async Task A_department_word_applies_to_that_department_only()
    {
        var word = UniqueWord("local");
        using (var admin = await AdminAsync())
        {
            await AddWordAsync(admin, word, DemoUsers.Department35);
        }

        var in44 = await SubmitAsync(DemoUsers.Officer44, DemoUsers.Department44, $"Fête {word} ce soir");
        var in35 = await SubmitAsync(DemoUsers.Officer35, DemoUsers.Department35, $"Fête {word} ce soir");

        Assert.Equal(MessageStatus.Approved, in44.Status);
        Assert.Equal(MessageStatus.Submitted, in35.Status);
    }

    [Fact]
    public async Task Removing_a_word_changes_nothing_for_a_message_already_submitted_and_is_audited()
    {
        var word = UniqueWord("garde a vue ");
        var submitted = await SubmitAsync(DemoUsers.Officer44, DemoUsers.Department44, $"Un suspect placé en {word.ToUpperInvariant()} hier");
        Assert.Equal(MessageStatus.Approved, submitted.Status);

        using (var admin = await AdminAsync())
        {
            await AddWordAsync(admin, word);
        }

        var flagged = await SubmitAsync(DemoUsers.Officer44, DemoUsers.Department44, $"Deux personnes placées en {word} hier");
        Assert.Equal(MessageStatus.Submitted, flagged.Status);

        var wordId = await WordIdAsync(word);
        using (var admin = await AdminAsync())
        {
            using var removed = await admin.PostFormAsync("/Admin/SensitiveWords", [], $"/Admin/SensitiveWords?handler=Remove&id={wordId}", "li[data-sensitive-word] form");
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        var after = await MessageTestData.LoadAsync(_factory, flagged.Id);
        Assert.Equal(MessageStatus.Submitted, after.Status);
        Assert.Equal([word], after.SensitiveWords);
        using var validator = _factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);
        Assert.Contains(word, (await validator.GetPageAsync($"/Messages/{flagged.Id}")).QuerySelector("[data-testid=sensitive-words]")!.TextContent, StringComparison.Ordinal);

        await using var scope = _factory.CreateScope();
        var audit = await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "SensitiveWord" && a.EntityId == wordId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(a => a.Action).ToListAsync();
        Assert.Equal(["sensitive_word.added", "sensitive_word.removed"], audit);
    }

    [Fact]
    public async Task A_blank_or_repeated_word_is_refused_in_french_and_adds_nothing()
    {
        var word = UniqueWord("doublon");
        using var admin = await AdminAsync();
        await AddWordAsync(admin, word);

        using var blank = await admin.PostFormAsync("/Admin/SensitiveWords", [new("Phrase", "  !! ")], "/Admin/SensitiveWords?handler=Add", "form[data-testid=add-word]");
        using var repeated = await admin.PostFormAsync("/Admin/SensitiveWords", [new("Phrase", word.ToUpperInvariant())], "/Admin/SensitiveWords?handler=Add", "form[data-testid=add-word]");

        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("Saisissez un mot", (await TestClient.ParseAsync(blank)).QuerySelector(".fr-error-text")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("figure déjà", (await TestClient.ParseAsync(repeated)).QuerySelector(".fr-error-text")!.TextContent, StringComparison.Ordinal);
        await using var scope = _factory.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().SensitiveWords.CountAsync(w => w.Key == word));
    }

    [Fact]
    public async Task Officers_and_validators_cannot_reach_the_page_nor_add_a_word()
    {
        foreach (var who in new[] { DemoUsers.Officer44, DemoUsers.Validator44 })
        {
            using var client = _factory.CreateTestClient();
            await client.SignInAsync(who);
            using var page = await client.GetAsync("/Admin/SensitiveWords");
            await AssertForbiddenAsync(client, page);

            var token = await client.AntiforgeryTokenAsync();
            using var post = await client.Http.PostAsync(new Uri("/Admin/SensitiveWords?handler=Add", UriKind.Relative),
                new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Phrase", "forgé")]));
            await AssertForbiddenAsync(client, post);
        }

        await using var scope = _factory.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().SensitiveWords.AnyAsync(w => w.Key == "forge"));
    }

    /// <summary>403, or the redirect to the access-denied page, which answers 403.</summary>
    internal static async Task AssertForbiddenAsync(TestClient client, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return;
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        var path = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        Assert.StartsWith("/Account/AccessDenied", path, StringComparison.Ordinal);
        using var denied = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    private async Task<Message> SubmitAsync(string officerEmail, int departmentId, string text)
    {
        using var officer = _factory.CreateTestClient();
        await officer.SignInAsync(officerEmail);
        using var form = MessageTestData.ComposeForm(departmentId, MessageTestData.Prevention, text);
        using var response = await officer.ComposeAsync(form, "Submit", departmentId);
        return await MessageTestData.LoadAsync(_factory, MessageTestData.IdFromLocation(response));
    }
}
