using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Infrastructure.Publishing;

public static class PublishingServiceCollectionExtensions
{
    /// <summary>The publisher's processor, options, metrics and wake-up signal (the hosted service is added by the web app).</summary>
    public static IServiceCollection AddPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PublishingOptions>(configuration.GetSection(PublishingOptions.SectionName));
        services.AddMetrics();
        services.AddSingleton<PublisherMetrics>();
        services.AddSingleton<PublishingSignal>();
        services.AddScoped<TimeBoundProcessor>();
        services.AddScoped<PublishingProcessor>();
        services.AddScoped<HandChecks>();
        services.AddScoped<Channels.PublishingChannels>();
        services.AddKeyedScoped<Channels.IPublishingChannel, Channels.XPublishingChannel>(PublishingNetwork.X);
        services.AddKeyedScoped<Engagement.IEngagementReader, Channels.XEngagementReader>(PublishingNetwork.X);
        services.AddScoped<Channels.TrainingPublishingChannel>();
        return services;
    }
}
