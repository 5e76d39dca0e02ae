using System.Net;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Security;

/// <summary>
/// (Lone surrogates cannot cross HTTP: UTF-8 encoding turns them into U+FFFD before the server sees them; the count's
/// unit tests cover them.)
/// A first slice of the hostile-input suite: hostile texts, ids and methods against the compose form, the message
/// actions and the administration. Every case: never a 500, and what is refused changes nothing.
/// </summary>
public sealed class HostileInputTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    public static TheoryData<string> RefusedTexts => new()
    {
        "",
        "   ",
        new string('a', 281),
        new string('é', 10_000),
        "texte \uFFFE interdit",
        "texte \uFEFF interdit",
        "texte \uFFFF interdit",
        string.Concat(Enumerable.Repeat("🚓", 141)),
        string.Concat(Enumerable.Repeat("https://example.com/a ", 13)),
    };

    public static TheoryData<string> AcceptedHostileTexts => new()
    {
        "<script>alert(document.cookie)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg/onload=alert(1)>",
        "javascript:alert(1)",
        "{{7*7}} @(1+1) ${7*7}",
        "'; DROP TABLE Messages; --",
        "\u202Egnp.exe\u202C lien renversé",
        "contrôle \u0001\u0007\u001B caractères",
        "=SOMME(A1)+cmd|' /C calc'!A0",
        "Zalgo ṱ̶̡̛͔̳͍ê̵̢̛̺x̷̨̛t̸̡̛e̷",
        "&lt;déjà échappé&gt; &amp;",
        "\\\\serveur\\partage ../../etc/passwd %00",
    };

    [Theory]
    [MemberData(nameof(RefusedTexts))]
    public async Task Refused_text_gets_the_form_back_and_stores_nothing(string text)
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer62);
        var before = await MessageTestData.CountMessagesAsync(factory);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department62, MessageTestData.Prevention, text);

        using var response = await client.ComposeAsync(form, "Submit", DemoUsers.Department62);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await MessageTestData.ErrorsAsync(response));
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(factory));
    }

    [Theory]
    [MemberData(nameof(AcceptedHostileTexts))]
    public async Task Hostile_text_is_stored_as_typed_and_never_rendered_as_markup(string text)
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer62);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department62, MessageTestData.Prevention, text + " " + Guid.NewGuid().ToString("N")[..8]);

        using var response = await client.ComposeAsync(form, "Save", DemoUsers.Department62);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = MessageTestData.IdFromLocation(response);
        using var page = await client.GetAsync($"/Messages/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg/onload", html, StringComparison.Ordinal);
        var parsed = await TestClient.ParseAsync(page);
        Assert.StartsWith(text, parsed.QuerySelector("[data-testid=message-text]")!.TextContent, StringComparison.Ordinal);
    }

    public static TheoryData<string> HostileUrls => new()
    {
        "/Messages/0", "/Messages/-5", "/Messages/9223372036854775807", "/Messages/9223372036854775808", "/Messages/1e9",
        "/Messages/Edit/-1", "/Messages/Edit/99999999999", "/Messages?departmentId=-1", "/Messages?departmentId=2147483648",
        "/Messages?status=99", "/Messages?status=%3Cscript%3E", "/Messages?from=2026-13-45", "/Messages?after=-9",
        "/Messages?q=%27%20OR%201%3D1%20--", "/Messages/1/Photos/-1", "/Sandbox?departmentId=99999", "/Sandbox?after=abc",
        "/Messages/Edit?departmentId=99999", "/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example",
    };

    [Theory]
    [MemberData(nameof(HostileUrls))]
    public async Task Hostile_ids_and_query_strings_never_give_a_500(string url)
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer62);

        using var response = await client.GetAsync(url);

        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("/Messages/1?handler=Approve")]
    [InlineData("/Messages/1?handler=Cancel")]
    [InlineData("/Admin?handler=PauseNational")]
    [InlineData("/Account/Logout")]
    public async Task State_changes_are_never_made_with_get(string url)
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Validator62);
        var before = await MessageTestData.CountMessagesAsync(factory);

        using var response = await client.GetAsync(url);

        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(factory));
        // Still signed in: a GET on the sign-out page does not sign out.
        using var home = await client.GetAsync("/Messages");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task Altered_antiforgery_token_is_refused()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer62);
        var before = await MessageTestData.CountMessagesAsync(factory);
        var page = await client.GetPageAsync($"/Messages/Edit?departmentId={DemoUsers.Department62}");
        var token = TestClient.AntiforgeryToken(page, "#message-form");
        var altered = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var form = MessageTestData.ComposeForm(DemoUsers.Department62, MessageTestData.Prevention, "Jeton altéré");
        form.Add(new StringContent(altered), "__RequestVerificationToken");

        using var response = await client.Http.PostAsync(new Uri("/Messages/Edit?handler=Save", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(factory));
    }
}
