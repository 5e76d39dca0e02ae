using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Security;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>
/// The key-ring certificate can be rotated (keys written under the previous one still decrypt), and a generated
/// certificate is refused where instances could not share it.
/// </summary>
public sealed class KeyRingCertificateTests : IAsyncLifetime
{
    private const string AccessToken = "rotation-access-token-0123456789";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "policefeeds-tests", "certs-" + Guid.NewGuid().ToString("N"));
    private readonly PoliceFeedsAppFactory _factory = new();
    private string _oldPath = "";
    private string _newPath = "";

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _oldPath = WritePfx("old.pfx", "ancien-mot-de-passe");
        _newPath = WritePfx("new.pfx", "nouveau-mot-de-passe");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task After_rotation_keys_written_under_the_previous_certificate_still_decrypt()
    {
        _factory.Settings["Publishing:RunHostedService"] = "false";
        _factory.Settings["DataProtection:CertificatePath"] = _oldPath;
        _factory.Settings["DataProtection:CertificatePassword"] = "ancien-mot-de-passe";
        var stored = await StoreCredentialsAsync();

        // Rotated: the new certificate encrypts new keys, the old one is listed as previous.
        await using (var rotated = BuildDataProtection(new()
        {
            ["DataProtection:CertificatePath"] = _newPath,
            ["DataProtection:CertificatePassword"] = "nouveau-mot-de-passe",
            ["DataProtection:PreviousCertificates:0:Path"] = _oldPath,
            ["DataProtection:PreviousCertificates:0:Password"] = "ancien-mot-de-passe",
        }))
        {
            var protector = rotated.GetRequiredService<CredentialProtector>();
            Assert.Equal(AccessToken, protector.Unprotect(stored).AccessToken);

            // A payload written after the rotation decrypts too.
            var fresh = protector.Protect(XAccountCredentials.OAuth1("after-rotation", "secret"));
            Assert.Equal("after-rotation", protector.Unprotect(fresh).AccessToken);
        }

        // Without the previous certificate, the old keys cannot be read: that is what the setting is for.
        await using var withoutPrevious = BuildDataProtection(new()
        {
            ["DataProtection:CertificatePath"] = _newPath,
            ["DataProtection:CertificatePassword"] = "nouveau-mot-de-passe",
        });
        Assert.ThrowsAny<CryptographicException>(() => withoutPrevious.GetRequiredService<CredentialProtector>().Unprotect(stored));
    }

    [Theory]
    [InlineData("SqlServer", "1", "Database:Provider is SqlServer")]
    [InlineData("Sqlite", "2", "Deployment:Instances is 2")]
    public void A_generated_certificate_is_refused_where_instances_could_not_share_it(string provider, string instances, string reason)
    {
        var configuration = Configuration(new() { ["Database:Provider"] = provider, ["Deployment:Instances"] = instances });

        var error = Assert.Throws<InvalidOperationException>(() => KeyEncryptionCertificate.Load(configuration, _folder));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("Set DataProtection:CertificatePath", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, KeyEncryptionCertificate.LocalFileName)));
    }

    [Fact]
    public void A_single_sqlite_instance_generates_its_certificate_once()
    {
        var configuration = Configuration(new() { ["Database:Provider"] = "Sqlite" });

        var first = KeyEncryptionCertificate.Load(configuration, _folder);
        var second = KeyEncryptionCertificate.Load(configuration, _folder);

        Assert.Equal(first.Current.Thumbprint, second.Current.Thumbprint);
        Assert.Empty(first.Previous);
    }

    private async Task<string> StoreCredentialsAsync()
    {
        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<CredentialProtector>();
        var account = await db.PublishingAccounts.SingleAsync(a => a.DepartmentId == DemoUsers.Department44);
        protector.Store(account, XAccountCredentials.OAuth1(AccessToken, "token-secret"));
        await db.SaveChangesAsync();
        return account.ProtectedCredentials!;
    }

    /// <summary>Another instance's Data Protection on the same database, configured as given.</summary>
    private ServiceProvider BuildDataProtection(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<PoliceFeedsDbContext>(o => DatabaseServiceCollectionExtensions.Configure(
            o, new DatabaseOptions { Provider = DatabaseProviders.Sqlite }, _factory.DataDirectory));
        services.AddPoliceFeedsDataProtection(Configuration(settings), _factory.DataDirectory);
        return services.BuildServiceProvider();
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private string WritePfx(string name, string password)
    {
        using var certificate = KeyEncryptionCertificate.CreateSelfSigned();
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }
}
