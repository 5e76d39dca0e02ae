using System.Diagnostics;
using System.Net;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Messages;

/// <summary>Texts that made the old URL pattern backtrack (1.35 s for "a."×140, a 500 from 600 characters).</summary>
public sealed class HostileTextTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    private static readonly TimeSpan FastAnswer = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Dotted_text_of_280_characters_is_saved_at_once()
    {
        using var client = await SignedInAsync();
        using var form = MessageTestData.ComposeForm(DemoUsers.Department35, MessageTestData.Prevention, string.Concat(Enumerable.Repeat("a.", 140)));
        var watch = Stopwatch.StartNew();

        using var response = await client.ComposeAsync(form, "Save", DemoUsers.Department35);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(watch.Elapsed < FastAnswer, $"{watch.ElapsedMilliseconds} ms");
    }

    public static TheoryData<string> HostileTexts => new()
    {
        string.Concat(Enumerable.Repeat("a.", 4500)),
        string.Concat(Enumerable.Repeat("👉a.", 2250)),
        "http://x.com/" + string.Concat(Enumerable.Repeat("(a)", 2995)),
        "x.com?" + new string('!', 8994),
        "www." + string.Concat(Enumerable.Repeat("a-", 4496)) + ".com",
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task Hostile_text_of_9000_characters_gets_the_french_length_message_fast(string text)
    {
        using var client = await SignedInAsync();
        var before = await MessageTestData.CountMessagesAsync(factory);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department35, MessageTestData.Prevention, text);
        var watch = Stopwatch.StartNew();

        using var response = await client.ComposeAsync(form, "Save", DemoUsers.Department35);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < FastAnswer, $"{watch.ElapsedMilliseconds} ms");
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.StartsWith("Le texte compte ", StringComparison.Ordinal) && e.Contains("la limite est de 280", StringComparison.Ordinal));
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(factory));
    }

    [Fact]
    public async Task Text_over_ten_thousand_characters_is_refused_before_parsing()
    {
        using var client = await SignedInAsync();
        var before = await MessageTestData.CountMessagesAsync(factory);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department35, MessageTestData.Prevention, string.Concat(Enumerable.Repeat("a.", 5001)));

        using var response = await client.ComposeAsync(form, "Save", DemoUsers.Department35);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = Assert.Single(await MessageTestData.ErrorsAsync(response), e => e.StartsWith("Le texte dépasse 10", StringComparison.Ordinal));
        Assert.EndsWith("000 caractères : raccourcissez-le avant d'enregistrer.", error, StringComparison.Ordinal);
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(factory));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(4500)]
    public async Task Hostile_department_template_is_refused_in_french_fast(int repeats)
    {
        using var admin = factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        var url = $"/Admin/Departments/Edit/{DemoUsers.Department35}";
        using var warmUp = await admin.GetAsync(url);
        var template = string.Concat(Enumerable.Repeat("a.", repeats));
        KeyValuePair<string, string> F(string key, string value) => new(key, value);
        var watch = Stopwatch.StartNew();

        using var refused = await admin.PostFormAsync(url,
        [
            F("Input.Name", "Ille-et-Vilaine"), F("Input.TimeZoneId", "Europe/Paris"), F("Input.IsActive", "true"),
            F("Input.DeviationEndAction", "Reply"), F("Input.DeviationEndTemplate", template), F("Input.FoundThanksTemplate", template),
            F("Input.RedactFoundAppealsAfterDays", "30"), F("Input.FlagOpenAppealsAfterDays", "3"),
        ]);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.True(watch.Elapsed < FastAnswer, $"{watch.ElapsedMilliseconds} ms");
        var page = await TestClient.ParseAsync(refused);
        Assert.Equal(2, page.QuerySelectorAll("[role=alert] li").Count(e => e.TextContent.Contains("280 caractères pondérés", StringComparison.Ordinal)));
    }

    /// <summary>A signed-in officer whose client has already composed once (the first request warms the app up).</summary>
    private async Task<TestClient> SignedInAsync()
    {
        var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer35);
        using var warmUp = MessageTestData.ComposeForm(DemoUsers.Department35, MessageTestData.Prevention, "");
        using var _ = await client.ComposeAsync(warmUp, "Save", DemoUsers.Department35);
        return client;
    }
}
