using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.Infrastructure.Networks.Bluesky;

/// <summary>The "Bluesky" configuration section.</summary>
public sealed class BlueskyOptions
{
    public const string SectionName = "Bluesky";

    /// <summary>How long a call to a PDS may take before it counts as unanswered (ambiguous for a create).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>listRecords</c> page size when reading the account's recent posts (the lexicon's maximum is 100).</summary>
    public int RecentPageSize { get; set; } = 100;

    /// <summary>Pages read at most back to the time asked; past them the read is incomplete.</summary>
    public int MaxRecentPages { get; set; } = 10;
}

public static class BlueskyNetworkRegistration
{
    /// <summary>
    /// Everything of the Bluesky network: the PDS client, the sessions, the account connection store, and the channel as
    /// the keyed <see cref="IPublishingChannel"/> of <see cref="PublishingNetwork.Bluesky"/>.
    /// </summary>
    public static IServiceCollection AddBlueskyNetwork(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BlueskyOptions>(configuration.GetSection(BlueskyOptions.SectionName));
        services.AddHttpClient<BlueskyClient>((provider, http) =>
        {
            http.Timeout = provider.GetRequiredService<IOptions<BlueskyOptions>>().Value.RequestTimeout;
            http.DefaultRequestHeaders.UserAgent.ParseAdd("PoliceFeeds/1.0");
        });
        services.AddSingleton<BlueskyCredentialProtector>();
        services.AddScoped<IBlueskyConnectionStore, BlueskyConnectionStore>();
        services.AddScoped<BlueskySessions>();
        services.AddScoped<BlueskyAccountConnector>();
        services.AddKeyedScoped<IPublishingChannel, BlueskyPublishingChannel>(PublishingNetwork.Bluesky);
        services.AddKeyedScoped<Engagement.IEngagementReader, BlueskyEngagementReader>(PublishingNetwork.Bluesky);
        return services;
    }
}
