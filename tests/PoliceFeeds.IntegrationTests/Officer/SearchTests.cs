using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Officer;

/// <summary>The home page search ignores case and accents, and stays within the department.</summary>
public sealed class SearchTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    private async Task<long> ComposeAsync(string officer, int departmentId, string text)
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(officer);
        using var form = MessageTestData.ComposeForm(departmentId, MessageTestData.Prevention, text);
        return MessageTestData.IdFromLocation(await client.ComposeAsync(form, "Save", departmentId));
    }

    private static async Task<List<string>> ResultLinksAsync(TestClient client, int departmentId, string q)
    {
        var page = await client.GetPageAsync($"/Messages?departmentId={departmentId}&q={Uri.EscapeDataString(q)}");
        return page.QuerySelectorAll("a[href^='/Messages/']").Select(a => a.GetAttribute("href")!).ToList();
    }

    [Theory]
    [InlineData("vol")]
    [InlineData("VOL")]
    [InlineData("vélo")]
    [InlineData("VELO")]
    public async Task Vol_finds_Vol_whatever_the_case_and_accents(string q)
    {
        var id = await ComposeAsync(DemoUsers.Officer44, DemoUsers.Department44, "Vol de Vélo signalé place Royale " + Guid.NewGuid());
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        Assert.Contains($"/Messages/{id}", await ResultLinksAsync(client, DemoUsers.Department44, q));
    }

    [Fact]
    public async Task Temoins_finds_temoins_with_its_accent()
    {
        var marker = Guid.NewGuid().ToString("N");
        var id = await ComposeAsync(DemoUsers.Officer44, DemoUsers.Department44, $"Appel à témoins {marker} : accident rue de Strasbourg");
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        Assert.Contains($"/Messages/{id}", await ResultLinksAsync(client, DemoUsers.Department44, "temoins " + marker));
        Assert.Contains($"/Messages/{id}", await ResultLinksAsync(client, DemoUsers.Department44, "TÉMOINS"));
        Assert.DoesNotContain($"/Messages/{id}", await ResultLinksAsync(client, DemoUsers.Department44, "témoins " + Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public async Task Search_never_shows_another_departments_message()
    {
        var marker = Guid.NewGuid().ToString("N");
        var of35 = await ComposeAsync(DemoUsers.Officer35, DemoUsers.Department35, $"Vol à l'étalage {marker}");
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        Assert.DoesNotContain($"/Messages/{of35}", await ResultLinksAsync(client, DemoUsers.Department44, marker));
    }
}
