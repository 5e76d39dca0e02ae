using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Templates;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Officer;

/// <summary>Department and national templates: who manages them, the text rules they follow, and the compose page they prefill.</summary>
public sealed class TemplateTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    private static IEnumerable<KeyValuePair<string, string>> Fields(string name, int departmentId, int categoryId, string text, string hashtags) =>
    [
        new("Input.Name", name), new("Input.DepartmentId", departmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Input.CategoryId", categoryId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Input.Text", text), new("Input.Hashtags", hashtags),
    ];

    private async Task<MessageTemplate?> FindAsync(string name)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Name == name);
    }

    private async Task<int> CreateAsync(string validator, int departmentId, string name, string text = "Vol par ruse : méfiez-vous des faux agents.", string hashtags = "#Prévention #Seniors")
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(validator);
        using var response = await client.PostFormAsync("/Templates/Edit", Fields(name, departmentId, MessageTestData.Prevention, text, hashtags), formSelector: "#template-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (await FindAsync(name))!.Id;
    }

    [Fact]
    public async Task A_validator_creates_a_department_template_and_an_officer_prefills_the_compose_page_with_it()
    {
        var name = "Faux agents " + Guid.NewGuid().ToString("N")[..8];
        var id = await CreateAsync(DemoUsers.Validator44, DemoUsers.Department44, name);
        var template = (await FindAsync(name))!;
        Assert.Equal((DemoUsers.Department44, "#Prévention #Seniors"), (template.DepartmentId, template.Hashtags));

        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var list = await client.GetPageAsync("/Templates");
        Assert.NotNull(list.QuerySelector($"tr[data-template='{id}']"));
        Assert.Null(list.QuerySelector($"tr[data-template='{id}'] a[href='/Templates/Edit/{id}']"));
        var compose = await client.GetPageAsync($"/Messages/Edit?departmentId={DemoUsers.Department44}&templateId={id}");

        Assert.Equal("Vol par ruse : méfiez-vous des faux agents. #Prévention #Seniors", compose.QuerySelector("#Input_Text")!.TextContent.Trim());
        Assert.Equal("1", compose.QuerySelector("#Input_CategoryId option[selected]")!.GetAttribute("value"));
        Assert.NotNull(compose.QuerySelector($"[data-testid=template-picker] option[value='{id}']"));
    }

    [Fact]
    public async Task An_officer_of_44_cannot_see_or_use_a_template_of_35_nor_an_officer_manage_one()
    {
        var name = "Modèle du 35 " + Guid.NewGuid().ToString("N")[..8];
        var id = await CreateAsync(DemoUsers.Validator35, DemoUsers.Department35, name);
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        Assert.Null((await client.GetPageAsync("/Templates")).QuerySelector($"tr[data-template='{id}']"));
        Assert.Null((await client.GetPageAsync("/Messages/Edit")).QuerySelector($"[data-testid=template-picker] option[value='{id}']"));
        foreach (var url in new[] { $"/Messages/Edit?templateId={id}", $"/Messages/Edit?departmentId={DemoUsers.Department44}&templateId={id}", $"/Templates/Edit/{id}" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{url} answered {(int)response.StatusCode}");
        }

        using var validator44 = factory.CreateTestClient();
        await validator44.SignInAsync(DemoUsers.Validator44);
        using var post = await validator44.PostFormAsync("/Templates/Edit", Fields("Piratage", DemoUsers.Department44, 1, "x", ""), $"/Templates/Edit/{id}", "#template-form");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        using var delete = await validator44.PostFormAsync("/Templates/Edit", [], $"/Templates/Edit/{id}?handler=Delete", "#template-form");
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(name, (await FindAsync(name))!.Name);
    }

    [Fact]
    public async Task An_officer_cannot_create_a_template_and_a_validator_cannot_create_a_national_one()
    {
        using var officer = factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        using var page = await officer.GetAsync("/Templates/Edit");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);

        using var validator = factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);
        var name = "National pirate " + Guid.NewGuid().ToString("N")[..8];
        using var response = await validator.PostFormAsync("/Templates/Edit", Fields(name, 0, 1, "Texte national", ""), formSelector: "#template-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.Contains("Vous ne pouvez pas gérer les modèles de cette portée", StringComparison.Ordinal));
        Assert.Null(await FindAsync(name));
    }

    [Fact]
    public async Task A_national_template_made_by_the_admin_is_offered_to_every_department()
    {
        var name = "National " + Guid.NewGuid().ToString("N")[..8];
        using (var admin = factory.CreateTestClient())
        {
            await admin.SignInAsync(DemoUsers.Admin);
            using var response = await admin.PostFormAsync("/Templates/Edit", Fields(name, 0, MessageTestData.Prevention, "Journée nationale de prévention", "#Prévention"), formSelector: "#template-form");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var id = (await FindAsync(name))!.Id;
        foreach (var (officer, department) in new[] { (DemoUsers.Officer44, DemoUsers.Department44), (DemoUsers.Officer35, DemoUsers.Department35) })
        {
            using var client = factory.CreateTestClient();
            await client.SignInAsync(officer);
            var compose = await client.GetPageAsync($"/Messages/Edit?departmentId={department}&templateId={id}");
            Assert.Equal("Journée nationale de prévention #Prévention", compose.QuerySelector("#Input_Text")!.TextContent.Trim());
        }
    }

    public static TheoryData<string, string, string> BadTemplates => new()
    {
        { new string('a', 270), "#Prévention #Seniors", "Le texte compte 291 caractères" },
        { "Bonjour \uFFFE", "", "caractère non autorisé" },
        { "", "", "Le texte du message est obligatoire." },
        { "Texte", "Prévention", "Chaque mot-dièse commence par #" },
    };

    [Theory]
    [MemberData(nameof(BadTemplates))]
    public async Task A_template_goes_through_the_message_text_rules_and_a_bad_one_changes_nothing(string text, string hashtags, string expected)
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Validator44);
        var name = "Mauvais " + Guid.NewGuid().ToString("N")[..8];

        using var response = await client.PostFormAsync("/Templates/Edit", Fields(name, DemoUsers.Department44, 1, text, hashtags), formSelector: "#template-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Null(await FindAsync(name));
    }

    [Fact]
    public async Task A_validator_edits_and_deletes_a_template_of_the_department()
    {
        var name = "À modifier " + Guid.NewGuid().ToString("N")[..8];
        var id = await CreateAsync(DemoUsers.Validator44, DemoUsers.Department44, name);
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Validator44);

        using var edit = await client.PostFormAsync($"/Templates/Edit/{id}", Fields(name, DemoUsers.Department44, MessageTestData.MissingPerson, "Appel à témoins", "#AppelATémoins"), formSelector: "#template-form");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Equal((MessageTestData.MissingPerson, "Appel à témoins"), ((await FindAsync(name))!.CategoryId, (await FindAsync(name))!.Text));

        using var delete = await client.PostFormAsync($"/Templates/Edit/{id}", [], $"/Templates/Edit/{id}?handler=Delete", "[data-testid=delete-template]");
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Null(await FindAsync(name));
    }
}
