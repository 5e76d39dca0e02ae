using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace PoliceFeeds.Infrastructure.XApi;

public static class XApiServiceCollectionExtensions
{
    /// <summary>
    /// The X API v2 client over IHttpClientFactory. Its pipeline retries only safe methods (GET), with exponential
    /// backoff and jitter, and never a 429; a POST or DELETE is never retried by the pipeline (the publisher decides, knowing whether an
    /// attempt was ambiguous). A circuit breaker stops calls for a while after a burst of failures.
    /// </summary>
    public static IServiceCollection AddXApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<XApiOptions>(configuration.GetSection(XApiOptions.SectionName));
        services.Configure<XApiResilienceOptions>(configuration.GetSection(XApiResilienceOptions.SectionName));

        services.AddHttpClient<IXApiClient, XApiClient>(ConfigureBase)
            .AddResilienceHandler("x-api", (pipeline, context) =>
            {
                var resilience = context.ServiceProvider.GetRequiredService<IOptions<XApiResilienceOptions>>().Value;
                var x = context.ServiceProvider.GetRequiredService<IOptions<XApiOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = resilience.RetryDelay,
                    ShouldRetryAfterHeader = false,
                    // A 429 is never retried in place: the caller waits for X's reset time (publisher, engagement job).
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Result?.StatusCode != System.Net.HttpStatusCode.TooManyRequests && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                }.DisableForUnsafeHttpMethodsAndReturn());
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = resilience.CircuitBreakerFailureRatio,
                    MinimumThroughput = resilience.CircuitBreakerMinimumThroughput,
                    SamplingDuration = resilience.CircuitBreakerSamplingDuration,
                    BreakDuration = resilience.CircuitBreakerBreakDuration,
                });
                pipeline.AddTimeout(x.RequestTimeout);
            });

        services.AddHttpClient<IXOAuth2Client, XOAuth2Client>(ConfigureBase);
        services.AddScoped<IXAccountAuthProvider, XAccountAuthProvider>();
        return services;
    }

    private static void ConfigureBase(IServiceProvider services, HttpClient http)
    {
        var options = services.GetRequiredService<IOptions<XApiOptions>>().Value;
        var baseAddress = options.BaseAddress.ToString();
        http.BaseAddress = new Uri(baseAddress.EndsWith('/') ? baseAddress : baseAddress + "/");
        // The resilience pipeline's timeout applies; this one only guards against a misconfigured pipeline.
        http.Timeout = options.RequestTimeout + TimeSpan.FromSeconds(5);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("PoliceFeeds/1.0");
    }

    private static HttpRetryStrategyOptions DisableForUnsafeHttpMethodsAndReturn(this HttpRetryStrategyOptions options)
    {
        options.DisableForUnsafeHttpMethods();
        return options;
    }
}

/// <summary>The "XApi:Resilience" configuration section.</summary>
public sealed class XApiResilienceOptions
{
    public const string SectionName = "XApi:Resilience";

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Share of failed calls over the sampling window that opens the circuit.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long calls stop once the circuit opens.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
