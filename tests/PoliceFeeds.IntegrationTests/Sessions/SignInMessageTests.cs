using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.IntegrationTests.Infrastructure;
using Serilog.Core;
using Serilog.Events;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>A locked account answers exactly like an unknown address; the address typed for an unknown account is not logged.</summary>
public sealed class SignInMessageTests : IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _factory = new();
    private readonly CollectingSink _sink = new();
    private readonly CountingPasswordHasher _hasher = new();

    public Task InitializeAsync()
    {
        _factory.Settings["Publishing:RunHostedService"] = "false";
        _factory.Settings["Serilog:MinimumLevel:Default"] = "Information";
        _factory.ServiceOverrides.Add(services => services.AddSingleton<ILogEventSink>(_sink));
        _factory.ServiceOverrides.Add(services => services.AddSingleton<IPasswordHasher<AppUser>>(_hasher));
        _ = _factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_locked_account_gets_the_same_answer_as_an_unknown_address()
    {
        using var client = _factory.CreateTestClient();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.PostFormAsync("/Account/Login", [new("Input.Email", DemoUsers.Validator35), new("Input.Password", "mauvais-" + i)]);
        }

        await using (var scope = _factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync(DemoUsers.Validator35))!));
        }

        var locked = await AlertAsync(client, DemoUsers.Validator35, Web.Startup.UserSeeder.DemoPassword);
        var unknown = await AlertAsync(client, "personne-inconnue@example.fr", Web.Startup.UserSeeder.DemoPassword);
        var wrong = await AlertAsync(client, DemoUsers.Officer35, "pas-le-bon");

        Assert.Contains("Adresse électronique ou mot de passe incorrect.", unknown, StringComparison.Ordinal);
        Assert.Equal(unknown, locked);
        Assert.Equal(unknown, wrong);
    }

    [Fact]
    public async Task The_address_typed_for_an_unknown_account_is_not_logged()
    {
        // Someone typed their password in the e-mail field.
        const string typed = "MonMotDePasse-Secret-2026";
        using var client = _factory.CreateTestClient();
        await AlertAsync(client, typed, "peu importe");
        await AlertAsync(client, DemoUsers.Officer44, "pas-le-bon");

        // The refusal is logged (without the address); nothing anywhere in the logs holds what was typed.
        await Publishing.PublishingTestData.WaitUntilAsync(() => Task.FromResult(_sink.Events.Any(e => e.MessageTemplate.Text.Contains("unknown account", StringComparison.Ordinal))), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(_sink.Events, e => e.RenderMessage().Contains(typed, StringComparison.Ordinal)
            || e.Properties.Values.Any(v => v.ToString().Contains(typed, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_deactivated_user_cannot_sign_in_and_gets_the_same_answer()
    {
        await using (var scope = _factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(DemoUsers.Officer62))!;
            user.IsActive = false;
            await users.UpdateAsync(user);
        }

        using var client = _factory.CreateTestClient();
        var deactivated = await AlertAsync(client, DemoUsers.Officer62, Web.Startup.UserSeeder.DemoPassword);

        Assert.Equal(await AlertAsync(client, "personne-inconnue@example.fr", "x"), deactivated);
        Assert.False(await SessionTestData.IsSignedInAsync(client));
    }

    [Fact]
    public async Task An_unknown_address_a_deactivated_and_a_locked_account_cost_one_password_hash_like_a_wrong_password()
    {
        await using (var scope = _factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(DemoUsers.Validator62))!;
            user.IsActive = false;
            await users.UpdateAsync(user);
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(DemoUsers.Validator44))!, DateTimeOffset.MaxValue);
        }

        using var client = _factory.CreateTestClient();
        var locked = await VerificationsDuringAsync(() => AlertAsync(client, DemoUsers.Validator44, "pas-le-bon"));
        var wrong = await VerificationsDuringAsync(() => AlertAsync(client, DemoUsers.Officer44, "pas-le-bon"));
        var unknown = await VerificationsDuringAsync(() => AlertAsync(client, "personne-inconnue@example.fr", "pas-le-bon"));
        var deactivated = await VerificationsDuringAsync(() => AlertAsync(client, DemoUsers.Validator62, "pas-le-bon"));

        // The time an answer takes does not tell whether the address has an account.
        Assert.Equal(1, wrong);
        Assert.Equal(wrong, unknown);
        Assert.Equal(wrong, deactivated);
        Assert.Equal(wrong, locked);
    }

    private async Task<int> VerificationsDuringAsync(Func<Task<string>> signIn)
    {
        var before = _hasher.Verifications;
        await signIn();
        return _hasher.Verifications - before;
    }

    private static async Task<string> AlertAsync(TestClient client, string email, string password)
    {
        using var response = await client.PostFormAsync("/Account/Login", [new("Input.Email", email), new("Input.Password", password)]);
        var page = await TestClient.ParseAsync(response);
        return page.QuerySelector("[role=alert]")!.TextContent.Trim();
    }

    /// <summary>Identity's own hasher, counting the verifications (each one is the expensive PBKDF2 work).</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private sealed class CollectingSink : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }
}
