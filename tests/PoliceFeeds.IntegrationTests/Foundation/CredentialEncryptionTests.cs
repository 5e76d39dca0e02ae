using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Security;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Foundation;

/// <summary>Account credentials are encrypted; the key ring in the database is itself encrypted by a key held outside it.</summary>
public sealed class CredentialEncryptionTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    private const string AccessToken = "1234567890-PlainAccessTokenThatMustNeverBeStoredInClear";
    private const string TokenSecret = "TopSecretTokenSecretValue-abcdefghijklmnopqrstuvwxyz";

    [Fact]
    public async Task Raw_database_file_holds_no_plaintext_secret()
    {
        await StoreCredentialsAsync();

        var bytes = await ReadDatabaseFilesAsync();
        Assert.DoesNotContain(AccessToken, bytes, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenSecret, bytes, StringComparison.Ordinal);
        // The key ring is there, but encrypted: no raw master key in the file.
        Assert.Contains("EncryptedKey", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", bytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_credentials_decrypt_with_the_outside_key()
    {
        var stored = await StoreCredentialsAsync();

        var protector = factory.Services.GetRequiredService<CredentialProtector>();
        var credentials = protector.Unprotect(stored);
        Assert.Equal(AccessToken, credentials.AccessToken);
        Assert.Equal(TokenSecret, credentials.AccessTokenSecret);
    }

    [Fact]
    public async Task Database_without_the_outside_key_cannot_decrypt_the_credentials()
    {
        var stored = await StoreCredentialsAsync();

        // Same database (key ring included), but another key-encryption certificate: what a thief with a copy of the
        // database alone would have.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<PoliceFeedsDbContext>(o => DatabaseServiceCollectionExtensions.Configure(
            o, new DatabaseOptions { Provider = DatabaseProviders.Sqlite }, factory.DataDirectory));
        using var otherCertificate = KeyEncryptionCertificate.CreateSelfSigned();
        services.AddDataProtection()
            .SetApplicationName(PoliceFeedsDataProtection.ApplicationName)
            .PersistKeysToDbContext<PoliceFeedsDbContext>()
            .ProtectKeysWithCertificate(otherCertificate)
            .UnprotectKeysWithAnyCertificate(otherCertificate);
        services.AddSingleton<CredentialProtector>();
        await using var provider = services.BuildServiceProvider();

        var thief = provider.GetRequiredService<CredentialProtector>();
        Assert.ThrowsAny<CryptographicException>(() => thief.Unprotect(stored));
    }

    private async Task<string> StoreCredentialsAsync()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<CredentialProtector>();
        var account = await db.PublishingAccounts.SingleAsync(a => a.DepartmentId == DemoUsers.Department62);
        protector.Store(account, XAccountCredentials.OAuth1(AccessToken, TokenSecret));
        await db.SaveChangesAsync();

        // Push the write-ahead log into the main file so the raw file holds everything.
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        return account.ProtectedCredentials!;
    }

    private async Task<string> ReadDatabaseFilesAsync()
    {
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(factory.DataDirectory, "policefeeds.db*"))
        {
            try
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream, Encoding.Latin1);
                text.Append(await reader.ReadToEndAsync());
            }
            catch (FileNotFoundException)
            {
                // The shared-memory or log file of a connection that closed meanwhile (SQLite deletes them): nothing to read.
            }
        }

        return text.ToString();
    }
}
