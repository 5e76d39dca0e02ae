using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Security;

/// <summary>
/// The certificates that encrypt the Data Protection key ring stored in the database. They live outside the database:
/// in production a PFX given by configuration (<c>DataProtection:CertificatePath</c> and
/// <c>DataProtection:CertificatePassword</c>, from user secrets or a key vault), plus the certificates it replaced
/// (<c>DataProtection:PreviousCertificates:N:Path</c> and <c>:Password</c>), still accepted to decrypt keys written under
/// them; for the embedded default (SQLite, one instance) a self-signed certificate generated once in the data folder.
/// A copy of the database alone reveals no credential.
/// </summary>
public static class KeyEncryptionCertificate
{
    public const string LocalFileName = "dataprotection-key-encryption.pfx";

    /// <summary>The current certificate (encrypts new keys) and every certificate accepted for decryption.</summary>
    public sealed record Set(X509Certificate2 Current, IReadOnlyList<X509Certificate2> Previous)
    {
        public X509Certificate2[] All => [Current, .. Previous];
    }

    public static Set Load(IConfiguration configuration, string dataDirectory)
    {
        var configuredPath = configuration["DataProtection:CertificatePath"];
        var localPath = Path.Combine(dataDirectory, LocalFileName);
        if (string.IsNullOrWhiteSpace(configuredPath))
        {
            RefuseGeneratedCertificateWhereItCannotWork(configuration);
            return new Set(LoadOrCreateLocal(localPath), LoadPrevious(configuration));
        }

        var current = LoadFile(configuredPath, configuration["DataProtection:CertificatePassword"], "DataProtection:CertificatePath");
        var previous = LoadPrevious(configuration).ToList();

        // Moving from the generated certificate to a configured one: the keys it encrypted stay readable.
        if (File.Exists(localPath))
        {
            previous.Add(X509CertificateLoader.LoadPkcs12FromFile(localPath, password: null, X509KeyStorageFlags.Exportable));
        }

        return new Set(current, previous);
    }

    public static X509Certificate2 CreateSelfSigned()
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=PoliceFeeds Data Protection key encryption", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>
    /// Each instance would generate its own certificate and none could read the others' keys (the publisher would fail
    /// on every round): on SQL Server, or when several instances are declared, a configured certificate is required.
    /// </summary>
    private static void RefuseGeneratedCertificateWhereItCannotWork(IConfiguration configuration)
    {
        if (configuration.GetValue("DataProtection:AllowGeneratedCertificate", false))
        {
            return;
        }

        var onSqlServer = string.Equals(configuration["Database:Provider"], DatabaseProviders.SqlServer, StringComparison.OrdinalIgnoreCase);
        var instances = configuration.GetValue("Deployment:Instances", 1);
        if (onSqlServer || instances > 1)
        {
            throw new InvalidOperationException(
                (onSqlServer ? "Database:Provider is SqlServer" : $"Deployment:Instances is {instances}") +
                " but no DataProtection:CertificatePath is set: every instance would generate its own key-encryption certificate and " +
                "none could read the others' keys (X credentials, sessions, forms). Set DataProtection:CertificatePath to a PFX file " +
                "shared by every instance (and DataProtection:CertificatePassword), from a key vault or the host. For a single " +
                "development instance only, DataProtection:AllowGeneratedCertificate=true keeps the generated one.");
        }
    }

    private static List<X509Certificate2> LoadPrevious(IConfiguration configuration) =>
        configuration.GetSection("DataProtection:PreviousCertificates").GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c["Path"]))
            .Select(c => LoadFile(c["Path"]!, c["Password"], $"DataProtection:PreviousCertificates:{c.Key}:Path"))
            .ToList();

    private static X509Certificate2 LoadFile(string path, string? password, string setting)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{setting} '{path}' does not exist.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.Exportable);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{setting} '{path}' has no private key: the key ring cannot be decrypted with it.");
        }

        return certificate;
    }

    private static X509Certificate2 LoadOrCreateLocal(string localPath)
    {
        if (File.Exists(localPath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(localPath, password: null, X509KeyStorageFlags.Exportable);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(localPath)!);
        var certificate = CreateSelfSigned();
        var bytes = certificate.Export(X509ContentType.Pkcs12);
        var temporary = localPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            // Whole file or nothing; two instances starting together on one data folder keep the first one's.
            File.Move(temporary, localPath, overwrite: false);
        }
        catch (IOException) when (File.Exists(localPath))
        {
            File.Delete(temporary);
            return X509CertificateLoader.LoadPkcs12FromFile(localPath, password: null, X509KeyStorageFlags.Exportable);
        }

        return X509CertificateLoader.LoadPkcs12(bytes, password: null, X509KeyStorageFlags.Exportable);
    }
}
