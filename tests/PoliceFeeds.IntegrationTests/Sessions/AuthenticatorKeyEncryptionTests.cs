using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.Infrastructure.Security;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>Authenticator (TOTP) secrets are encrypted at rest; keys stored in clear before are still read, then encrypted.</summary>
public sealed class AuthenticatorKeyEncryptionTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Fact]
    public async Task The_raw_database_holds_no_authenticator_key_in_clear()
    {
        // The demo admin's key was stored at seeding; a new key is stored at enrolment.
        string newKey;
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(DemoUsers.Officer62))!;
            await users.ResetAuthenticatorKeyAsync(user);
            newKey = (await users.GetAuthenticatorKeyAsync(user))!;
            var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        var raw = await ReadDatabaseFilesAsync();
        Assert.DoesNotContain(Web.Startup.UserSeeder.DemoAdminAuthenticatorKey, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(newKey, raw, StringComparison.Ordinal);

        // The admin still signs in with the code of the key they enrolled.
        using var admin = factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        Assert.True(await SessionTestData.IsSignedInAsync(admin, "/Admin"));
    }

    [Fact]
    public async Task A_key_stored_in_clear_by_an_earlier_version_is_read_then_encrypted_at_start_up()
    {
        const string legacyKey = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF";
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
            var user = (await users.FindByEmailAsync(DemoUsers.Validator62))!;
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = legacyKey });
            await db.SaveChangesAsync();
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        // Read transparently: the user signs in with a code of the plaintext key.
        using (var client = factory.CreateTestClient())
        {
            await client.SignInAsync(DemoUsers.Validator62, authenticatorKey: legacyKey);
            Assert.True(await SessionTestData.IsSignedInAsync(client));
        }

        // What start-up runs: the plaintext key is encrypted, and still works.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
            var changed = await ProtectedTokenUserStore.ProtectPlaintextKeysAsync(db, scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>());
            Assert.Equal(1, changed);
            var stored = await db.UserTokens.AsNoTracking().Where(t => t.Name == "AuthenticatorKey").Select(t => t.Value!).ToListAsync();
            Assert.All(stored, v => Assert.StartsWith("dp1:", v, StringComparison.Ordinal));
            Assert.DoesNotContain(legacyKey, stored);
        }

        using var again = factory.CreateTestClient();
        await again.SignInAsync(DemoUsers.Validator62, authenticatorKey: legacyKey);
        Assert.True(await SessionTestData.IsSignedInAsync(again));
    }

    private async Task<string> ReadDatabaseFilesAsync()
    {
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(factory.DataDirectory, "policefeeds.db*"))
        {
            // SQLite deletes its -shm and -wal files when the last connection closes: one listed may be gone when read.
            FileStream stream;
            try
            {
                stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            await using var _ = stream;
            using var reader = new StreamReader(stream, Encoding.Latin1);
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }
}
