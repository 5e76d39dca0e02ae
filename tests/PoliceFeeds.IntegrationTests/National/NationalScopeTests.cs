using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Publishing;
using PoliceFeeds.Web.Startup;

namespace PoliceFeeds.IntegrationTests.National;

/// <summary>
/// The national scope: national admins compose for the national accounts, a second national admin validates, the
/// publisher posts to the national account; departmental officers and validators have no hand on it.
/// </summary>
public sealed class NationalScopeTests : IAsyncLifetime
{
    private const string SecondAdmin = "second.admin@interieur.gouv.fr";
    private readonly PoliceFeedsAppFactory _factory = new();
    private int _national;

    public async Task InitializeAsync()
    {
        _national = await PublishingTestData.WithDbAsync(_factory, db => db.Departments.Where(d => d.IsNational).Select(d => d.Id).SingleAsync());
        await using var scope = _factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = SecondAdmin, Email = SecondAdmin, EmailConfirmed = true, DisplayName = "Seconde administratrice", LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, UserSeeder.DemoPassword)).Succeeded);
        await users.AddToRoleAsync(user, Roles.NationalAdmin);
        await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", UserSeeder.DemoAdminAuthenticatorKey);
        await users.SetTwoFactorEnabledAsync(user, true);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Every_installation_has_the_national_scope_with_its_national_account_on_the_training_timeline()
    {
        var national = await PublishingTestData.WithDbAsync(_factory, db => db.Departments.AsNoTracking().Include(d => d.Accounts).SingleAsync(d => d.IsNational));

        Assert.Equal(Department.NationalCode, national.Code);
        Assert.True(national.IsActive);
        Assert.True(national.RequiresValidation);
        var account = Assert.Single(national.Accounts);
        Assert.Equal(("pnationale", PublishingNetwork.X, Core.Accounts.AccountMode.Sandbox), (account.Handle, account.Network, account.Mode));
    }

    [Fact]
    public async Task A_national_admin_composes_a_second_validates_and_the_national_account_publishes_it()
    {
        using var author = _factory.CreateTestClient();
        await author.SignInAsync(DemoUsers.Admin);
        using var form = MessageTestData.ComposeForm(_national, MessageTestData.Prevention, "Journée nationale de la sécurité routière : soyons prudents.");

        using var created = await author.ComposeAsync(form, handler: "Submit", departmentId: _national);

        var id = MessageTestData.IdFromLocation(created);
        Assert.Equal(MessageStatus.Submitted, (await MessageTestData.LoadAsync(_factory, id)).Status);

        // Its author is offered no validation; another national admin validates it, from the queue.
        var authorPage = await author.GetPageAsync($"/Messages/{id}");
        Assert.DoesNotContain(authorPage.QuerySelectorAll("form"), f => (f.GetAttribute("action") ?? "").Contains("handler=Approve", StringComparison.Ordinal));

        using var second = _factory.CreateTestClient();
        await second.SignInAsync(SecondAdmin);
        var queue = await second.GetPageAsync("/Queue");
        Assert.Contains(queue.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/Messages/{id}");
        using (var approved = await second.ActAsync(id, "Approve"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        await PublishingTestData.WaitUntilAsync(async () => (await MessageTestData.LoadAsync(_factory, id)).Status == MessageStatus.Published, TimeSpan.FromSeconds(20));
        var post = await PublishingTestData.WithDbAsync(_factory, db => db.SandboxPosts.AsNoTracking().SingleAsync(p => p.DepartmentId == _national));
        Assert.Equal("pnationale", post.Handle);
    }

    [Fact]
    public async Task Departmental_officers_and_validators_have_no_hand_on_the_national_scope()
    {
        using var admin = _factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        using var form = MessageTestData.ComposeForm(_national, MessageTestData.Prevention, "Message national en attente de validation.");
        using var created = await admin.ComposeAsync(form, handler: "Submit", departmentId: _national);
        var id = MessageTestData.IdFromLocation(created);

        using var officer = _factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        using (var compose = await officer.GetAsync($"/Messages/Edit?departmentId={_national}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, compose.StatusCode);
        }

        using (var page = await officer.GetAsync($"/Messages/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        }

        using var validator = _factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);
        var queue = await validator.GetPageAsync("/Queue");
        Assert.DoesNotContain(queue.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/Messages/{id}");

        // A form posted for the national scope by an officer is refused and saves nothing.
        var before = await MessageTestData.CountMessagesAsync(_factory);
        using var crafted = MessageTestData.ComposeForm(_national, MessageTestData.Prevention, "Tentative");
        using var refused = await officer.ComposeAsync(crafted, departmentId: DemoUsers.Department44);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(_factory));
    }
}
