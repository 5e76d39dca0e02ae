using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Security;

public static class PoliceFeedsDataProtection
{
    public const string ApplicationName = "PoliceFeeds";

    /// <summary>
    /// Data Protection with its key ring in the database (shared by every instance, so cookies and antiforgery tokens
    /// work behind a load balancer), each key encrypted with a certificate held outside the database.
    /// </summary>
    public static IServiceCollection AddPoliceFeedsDataProtection(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        // New keys are encrypted with the current certificate; keys written under a previous one stay readable.
        var certificates = KeyEncryptionCertificate.Load(configuration, dataDirectory);
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<PoliceFeedsDbContext>()
            .ProtectKeysWithCertificate(certificates.Current)
            .UnprotectKeysWithAnyCertificate(certificates.All);
        services.AddSingleton<CredentialProtector>();
        return services;
    }
}
