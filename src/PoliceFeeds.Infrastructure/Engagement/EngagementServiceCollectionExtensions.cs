using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PoliceFeeds.Infrastructure.Engagement;

public static class EngagementServiceCollectionExtensions
{
    /// <summary>The engagement processor and its options (the hosted service is added by the web app).</summary>
    public static IServiceCollection AddEngagement(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EngagementOptions>(configuration.GetSection(EngagementOptions.SectionName));
        services.AddScoped<EngagementProcessor>();
        return services;
    }
}
