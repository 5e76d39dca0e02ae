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
        var certificate = KeyEncryptionCertificate.LoadOrCreate(configuration, dataDirectory);
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<PoliceFeedsDbContext>()
            .ProtectKeysWithCertificate(certificate)
            .UnprotectKeysWithAnyCertificate(certificate);
        services.AddSingleton<CredentialProtector>();
        return services;
    }
}
