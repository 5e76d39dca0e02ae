using System.Net;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Officer;

namespace PoliceFeeds.IntegrationTests.Security;

/// <summary>
/// Pages carry French as UTF-8 text (no entity for each accented letter), while what is HTML-significant in any text,
/// ours or a user's, stays encoded, and so do invisible controls such as bidirectional overrides.
/// </summary>
public sealed class HtmlEncodingTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Fact]
    public async Task The_accessibility_statement_carries_its_french_title_as_utf8_text()
    {
        using var client = factory.CreateTestClient();

        using var response = await client.GetAsync("/Legal/Accessibility");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var html = await response.Content.ReadAsStringAsync();
        // The apostrophe is one of the characters HTML gives a meaning to (it closes a single-quoted attribute): it stays
        // an entity, the letters do not.
        Assert.Contains("<h1 class=\"fr-h3\">Déclaration d&#x27;accessibilité</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#xE9;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#xE8;", html, StringComparison.Ordinal);
        var page = await client.GetPageAsync("/Legal/Accessibility");
        Assert.Equal("Déclaration d'accessibilité", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_users_text_keeps_its_accents_as_text_and_its_markup_encoded()
    {
        const string text = "Déjà vu <script>alert(\"x\")</script> & <b>gras</b> l’œuvre – « fin » 12\u202F€ \u202Eexe.gnp\u202C zéro\u200Blargeur";
        var id = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.Prevention, text, MessageStatus.Draft);
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        using var response = await client.GetAsync($"/Messages/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var start = html.IndexOf("data-testid=\"message-text\">", StringComparison.Ordinal) + "data-testid=\"message-text\">".Length;
        var raw = html[start..html.IndexOf("</p>", start, StringComparison.Ordinal)];
        Assert.Equal("Déjà vu &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;gras&lt;/b&gt; l’œuvre – « fin » 12&#x202F;€ &#x202E;exe.gnp&#x202C; zéro&#x200B;largeur", raw);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>gras", html, StringComparison.Ordinal);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal(text, page.QuerySelector("[data-testid=message-text]")!.TextContent.Trim());
    }
}
