using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace PoliceFeeds.Infrastructure.Security;

/// <summary>
/// The certificate that encrypts the Data Protection key ring stored in the database. It lives outside the database:
/// in production a PFX given by configuration (<c>DataProtection:CertificatePath</c> and
/// <c>DataProtection:CertificatePassword</c>, from user secrets or a key vault); for the embedded default a
/// self-signed certificate generated once in the data folder. A copy of the database alone reveals no credential.
/// </summary>
public static class KeyEncryptionCertificate
{
    public const string LocalFileName = "dataprotection-key-encryption.pfx";

    public static X509Certificate2 LoadOrCreate(IConfiguration configuration, string dataDirectory)
    {
        var configuredPath = configuration["DataProtection:CertificatePath"];
        var password = configuration["DataProtection:CertificatePassword"];
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            if (!File.Exists(configuredPath))
            {
                throw new InvalidOperationException($"DataProtection:CertificatePath '{configuredPath}' does not exist.");
            }

            return X509CertificateLoader.LoadPkcs12FromFile(configuredPath, password, X509KeyStorageFlags.Exportable);
        }

        var localPath = Path.Combine(dataDirectory, LocalFileName);
        if (File.Exists(localPath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(localPath, password: null, X509KeyStorageFlags.Exportable);
        }

        Directory.CreateDirectory(dataDirectory);
        var certificate = CreateSelfSigned();
        var bytes = certificate.Export(X509ContentType.Pkcs12);
        using (var stream = new FileStream(localPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(localPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return X509CertificateLoader.LoadPkcs12(bytes, password: null, X509KeyStorageFlags.Exportable);
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
}
