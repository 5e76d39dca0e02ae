using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace PoliceFeeds.Web.Security;

/// <summary>The "SignIn:RateLimit" configuration section.</summary>
public sealed class SignInRateLimitOptions
{
    public const string SectionName = "SignIn:RateLimit";

    /// <summary>Sign-in attempts (posted passwords and codes) accepted from one client address per window.</summary>
    public int PermitLimit { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Sign-in attempts per client address (ASP.NET Core's rate limiting middleware, a fixed window), beside the per-account
/// lockout: one address trying many accounts (password spraying) is slowed too. Only the posts of the sign-in form and
/// of the second-factor form count; past the limit they answer 429 with the French page and a Retry-After. Behind a
/// reverse proxy the address is the client's, from the forwarded headers of the known proxies.
/// </summary>
public static class SignInRateLimit
{
    public static IServiceCollection AddPoliceFeedsSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SignInRateLimitOptions.SectionName).Get<SignInRateLimitOptions>() ?? new SignInRateLimitOptions();
        if (options.PermitLimit <= 0 || options.Window <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"{SignInRateLimitOptions.SectionName}: PermitLimit must be a positive number and Window a positive duration (e.g. PermitLimit=30, Window=00:05:00).");
        }

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimit))
                    .LogWarning("Sign-in attempt refused: too many attempts from this client address");
                return ValueTask.CompletedTask;
            };
            // Partitions are cached by key: the sign-in keys and the one of every other request must never meet.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInAttempt(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter("sign-in " + context.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = options.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter("not limited"));
        });
        return services;
    }

    private static bool IsSignInAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments("/Account/Login", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase));
}
