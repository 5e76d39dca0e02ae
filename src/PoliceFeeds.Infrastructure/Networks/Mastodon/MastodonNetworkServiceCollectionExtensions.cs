using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Publishing.Channels;
using Polly;

namespace PoliceFeeds.Infrastructure.Networks.Mastodon;

public static class MastodonNetworkServiceCollectionExtensions
{
    /// <summary>
    /// The Mastodon network: its client (one HttpClient for every instance; only reads are retried by the pipeline, never a
    /// POST or a DELETE, never a 429), the connections store, and the channel as the keyed scoped
    /// <see cref="IPublishingChannel"/> of <see cref="PublishingNetwork.Mastodon"/>. Nothing outside this folder knows its types.
    /// </summary>
    public static IServiceCollection AddMastodonNetwork(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MastodonOptions>(configuration.GetSection(MastodonOptions.SectionName));
        services.AddSingleton<MastodonInstanceCache>();
        services.AddHttpClient<MastodonClient>((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<MastodonOptions>>().Value;
                // The pipeline's timeout applies; this one only guards against a misconfigured pipeline.
                http.Timeout = options.RequestTimeout + TimeSpan.FromSeconds(5);
                http.DefaultRequestHeaders.UserAgent.ParseAdd("PoliceFeeds/1.0");
            })
            .AddResilienceHandler("mastodon", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<MastodonOptions>>().Value;
                var retry = new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200),
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Result?.StatusCode != System.Net.HttpStatusCode.TooManyRequests && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                };
                retry.DisableForUnsafeHttpMethods();
                pipeline.AddRetry(retry);
                pipeline.AddTimeout(options.RequestTimeout);
            });
        services.AddScoped<IMastodonConnections, DbMastodonConnections>();
        services.AddScoped<MastodonInstanceApps>();
        services.AddScoped<MastodonAccountConnector>();
        services.AddKeyedScoped<IPublishingChannel, MastodonPublishingChannel>(PublishingNetwork.Mastodon);
        services.AddKeyedScoped<Engagement.IEngagementReader, MastodonEngagementReader>(PublishingNetwork.Mastodon);
        return services;
    }
}
