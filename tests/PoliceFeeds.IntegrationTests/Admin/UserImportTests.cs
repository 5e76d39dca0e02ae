using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Admin;

/// <summary>Bulk user import through the page: preview, nothing imported while a row is wrong, confirmation, first sign-in.</summary>
public sealed class UserImportTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    private const string Page = "/Admin/Users/Import";

    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    private async Task<TestClient> AdminAsync()
    {
        var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Admin);
        return client;
    }

    private static Task<HttpResponseMessage> UploadAsync(TestClient client, byte[] file)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", "utilisateurs.csv");
        return client.PostMultipartAsync(Page, form, Page + "?handler=Preview");
    }

    private async Task<T> WithDbAsync<T>(Func<PoliceFeedsDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>());
    }

    private Task<int> UserCountAsync() => WithDbAsync(db => db.Users.CountAsync());

    [Fact]
    public async Task A_file_with_wrong_rows_shows_a_french_error_per_row_and_imports_nothing()
    {
        using var admin = await AdminAsync();
        var before = await UserCountAsync();
        var csv = "e-mail;nom;rôle;départements\n"
            + "bonne.adresse@interieur.gouv.fr;Bonne Adresse;officier;44\n"
            + "pas-une-adresse;Mauvaise;officier;44\n"
            + "x@interieur.gouv.fr;Inconnu;chef;44\n"
            + "y@interieur.gouv.fr;Fermé;officier;59\n"
            + "z@interieur.gouv.fr;Nulle part;officier;99\n"
            + "bonne.adresse@interieur.gouv.fr;Doublon;validateur;35\n"
            + $"{DemoUsers.Officer44};Déjà là;officier;44\n";

        using var response = await UploadAsync(admin, Encoding.UTF8.GetBytes(csv));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        string Problem(int line) => page.QuerySelector($"tr[data-line='{line}'] [data-testid=row-problem]")!.TextContent;
        Assert.Null(page.QuerySelector("tr[data-line='2'] [data-testid=row-problem]"));
        Assert.Equal("Adresse électronique invalide : « pas-une-adresse ».", Problem(3));
        Assert.StartsWith("Rôle inconnu : « chef »", Problem(4), StringComparison.Ordinal);
        Assert.Equal("Le département 59 n'est pas encore activé : activez-le avant d'y importer des utilisateurs.", Problem(5));
        Assert.Equal("Département inconnu : « 99 ».", Problem(6));
        Assert.Equal("Adresse déjà présente à la ligne 2 du fichier.", Problem(7));
        Assert.Equal($"Un utilisateur existe déjà avec l'adresse {DemoUsers.Officer44}.", Problem(8));
        Assert.Contains("6 ligne(s) sur 7 à corriger", page.QuerySelector("[data-testid=import-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=confirm-import]"));
        Assert.Equal(before, await UserCountAsync());
    }

    [Fact]
    public async Task A_clean_file_with_commas_a_bom_and_quotes_is_imported_after_confirmation_audited_with_temporary_passwords()
    {
        using var admin = await AdminAsync();
        var csv = "\uFEFFemail,name,role,departments\r\n"
            + "\"claire.martin@interieur.gouv.fr\",\"Martin, Claire\",officier,44\r\n"
            + "paul.durand@interieur.gouv.fr,Paul Durand,validateur,\"44, 35\"\r\n";
        var bytes = Encoding.UTF8.GetBytes(csv);
        Assert.Equal(0xEF, bytes[0]);

        using var preview = await UploadAsync(admin, bytes);
        var page = await TestClient.ParseAsync(preview);
        Assert.NotNull(page.QuerySelector("[data-testid=confirm-import]"));
        Assert.Null(await WithDbAsync(db => db.Users.SingleOrDefaultAsync(u => u.Email == "claire.martin@interieur.gouv.fr")));
        var hidden = page.QuerySelector("input[name=Csv]")!.GetAttribute("value")!;

        using var confirmed = await admin.PostFormAsync(Page, [F("Csv", hidden)], Page + "?handler=Confirm");

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("no-store", confirmed.Headers.CacheControl?.ToString());
        var result = await TestClient.ParseAsync(confirmed);
        var passwords = result.QuerySelectorAll("[data-testid=import-result] tbody tr")
            .ToDictionary(r => r.QuerySelector("td")!.TextContent, r => r.QuerySelector("[data-testid=temporary-password]")!.TextContent);
        Assert.Equal(["claire.martin@interieur.gouv.fr", "paul.durand@interieur.gouv.fr"], passwords.Keys.Order());

        var stored = await WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == "paul.durand@interieur.gouv.fr");
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).ToListAsync();
            var codes = await (from ud in db.UserDepartments join d in db.Departments on ud.DepartmentId equals d.Id where ud.UserId == user.Id orderby d.Code select d.Code).ToListAsync();
            var audit = await db.AuditEntries.CountAsync(a => a.Action == "user.imported" && a.EntityId == user.Id);
            return (user.DisplayName, user.MustChangePassword, Roles: string.Join(",", roles), Codes: string.Join(",", codes), audit);
        });
        Assert.Equal(("Paul Durand", true, Roles.Validator, "35,44", 1), stored);
        Assert.Equal("Martin, Claire", await WithDbAsync(db => db.Users.Where(u => u.Email == "claire.martin@interieur.gouv.fr").Select(u => u.DisplayName).SingleAsync()));
        Assert.True(await WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "users.imported" && a.Details == "2 utilisateur(s) importé(s)")));

        // The temporary password signs in and leads only to the password change.
        using var claire = factory.CreateTestClient();
        using var signIn = await claire.PostFormAsync("/Account/Login", [F("Input.Email", "claire.martin@interieur.gouv.fr"), F("Input.Password", passwords["claire.martin@interieur.gouv.fr"])]);
        Assert.Equal("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);
        using var blocked = await claire.GetAsync("/Messages");
        Assert.Equal("/Account/ChangePassword", blocked.Headers.Location!.OriginalString);

        // The same file again: every row now names an existing user, nothing more is created.
        var count = await UserCountAsync();
        using var again = await admin.PostFormAsync(Page, [F("Csv", hidden)], Page + "?handler=Confirm");
        Assert.Contains("Rien n'a été importé.", await MessageTestData.ErrorsAsync(again));
        Assert.Equal(count, await UserCountAsync());
    }

    [Fact]
    public async Task A_tampered_confirmation_is_checked_again_and_imports_nothing()
    {
        using var admin = await AdminAsync();
        var before = await UserCountAsync();
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("email;nom;role;departements\nforge@interieur.gouv.fr;Forgé;administrateur national;\nbad;X;officier;44\n"));

        using var response = await admin.PostFormAsync(Page, [F("Csv", forged)], Page + "?handler=Confirm");
        using var garbage = await admin.PostFormAsync(Page, [F("Csv", "%%%pas du base64")], Page + "?handler=Confirm");

        Assert.Contains("Rien n'a été importé.", await MessageTestData.ErrorsAsync(response));
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        Assert.Equal(before, await UserCountAsync());
    }

    public static TheoryData<byte[], string> BadFiles => new()
    {
        { Encoding.Latin1.GetBytes("email;nom;role;departements\nx@interieur.gouv.fr;Hélène;officier;44\n"), "Le fichier n'est pas en UTF-8" },
        { Encoding.UTF8.GetBytes("email;nom;role\nx@interieur.gouv.fr;X;officier\n"), "La première ligne doit nommer les colonnes" },
        { Encoding.UTF8.GetBytes("email;nom;role;departements\n\"x@interieur.gouv.fr;X;officier;44\n"), "guillemet ouvert" },
        { Encoding.UTF8.GetBytes("email;nom;role;departements\n" + string.Concat(Enumerable.Range(0, 501).Select(i => $"u{i}@interieur.gouv.fr;U{i};officier;44\n"))), "plus de 500 utilisateurs" },
        { Encoding.UTF8.GetBytes("email;nom;role;departements\n" + new string('x', 300 * 1024)), "Le fichier dépasse 256 Ko" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_file_that_cannot_be_read_is_refused_whole_in_french(byte[] file, string expected)
    {
        using var admin = await AdminAsync();
        var before = await UserCountAsync();

        using var response = await UploadAsync(admin, file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains(expected, page.QuerySelector(".fr-error-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await UserCountAsync());
    }

    [Fact]
    public async Task Only_national_admins_reach_the_import()
    {
        using var validator = factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);
        using var get = await validator.GetAsync(Page);
        Assert.NotEqual(HttpStatusCode.OK, get.StatusCode);
        Assert.DoesNotContain("Importer", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
