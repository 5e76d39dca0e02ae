using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Health;

public static class HealthChecks
{
    public static IServiceCollection AddPoliceFeedsHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<PoliceFeedsDbContext>("database");
        return services;
    }

    /// <summary><c>/health</c>: 200 with "Healthy" when the database answers, 503 otherwise, with a JSON detail.</summary>
    public static void MapPoliceFeedsHealthChecks(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteJsonAsync }).AllowAnonymous();

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
