using System.Net.Http.Headers;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Foundation;

/// <summary>French by default; English for a browser that asks for it (Accept-Language), from the English resources.</summary>
public sealed class EnglishPagesTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Theory]
    [InlineData("/Messages", "New message", "Nouveau message")]
    [InlineData("/Messages/Edit", "Description of photo 1", "Description de la photo 1")]
    public async Task A_browser_asking_for_english_gets_the_page_in_english(string url, string english, string french)
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        client.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        var page = await client.GetPageAsync(url);

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains(english, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(french, page.Body.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Messages?culture=en&ui-culture=en", "en", "New message")]
    [InlineData("/Messages", "fr", "Nouveau message")]
    public async Task The_address_can_ask_for_english_and_without_a_preference_the_page_is_in_french(string url, string language, string text)
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        var page = await client.GetPageAsync(url);

        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Contains(text, page.Body!.TextContent, StringComparison.Ordinal);
    }
}
