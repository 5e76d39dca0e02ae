using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PoliceFeeds.Web.Startup;

/// <summary>Running behind a reverse proxy: forwarded headers from known proxies only, the public address, start-up checks.</summary>
public static class DeploymentSetup
{
    public static IServiceCollection AddPoliceFeedsDeployment(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DeploymentOptions.SectionName).Get<DeploymentOptions>() ?? new DeploymentOptions();
        var strict = !environment.IsDevelopment() && !environment.IsEnvironment("Testing");
        var problems = DeploymentCheck.Problems(options, strict, configuration["AllowedHosts"], DeploymentCheck.ListensOnHttps(configuration),
            DeploymentCheck.UsesGeneratedCertificate(configuration));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"PoliceFeeds cannot start in {environment.EnvironmentName} as configured (see docs/deployment.md):"
                + string.Concat(problems.Select(p => Environment.NewLine + " - " + p)));
        }

        services.Configure<DeploymentOptions>(configuration.GetSection(DeploymentOptions.SectionName));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // X-Forwarded-Host is not used: the host is AllowedHosts' business, the public address is configured.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            options.KnownProxies.ForEach(p => o.KnownProxies.Add(IPAddress.Parse(p)));
            options.KnownNetworks.ForEach(n => o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n)));
        });
        return services;
    }

    /// <summary>First in the pipeline: headers of a request from a known proxy become the request's scheme and client.</summary>
    public static WebApplication UsePoliceFeedsForwardedHeaders(this WebApplication app)
    {
        var options = app.Configuration.GetSection(DeploymentOptions.SectionName).Get<DeploymentOptions>() ?? new DeploymentOptions();
        if (options.BehindProxy)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
