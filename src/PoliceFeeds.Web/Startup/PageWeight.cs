using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace PoliceFeeds.Web.Startup;

/// <summary>
/// Page weight: Brotli and gzip for HTML, CSS, JS and SVG; static files named by content (asp-append-version's
/// <c>?v=</c>, or the hashed names of the DSFR's fonts and icons) cached for a year as immutable; the others revalidated;
/// pages, which are personal, never stored. See docs/design-system.md for the BREACH reasoning behind
/// <see cref="ResponseCompressionOptions.EnableForHttps"/> and the pages left uncompressed.
/// </summary>
public static class PageWeight
{
    public static readonly TimeSpan ImmutableLifetime = TimeSpan.FromDays(365);

    /// <summary>Pages that show a secret that stays the same from one response to the next (the authenticator key) are never compressed.</summary>
    public static readonly string[] UncompressedPrefixes = ["/Account"];

    public static IServiceCollection AddPoliceFeedsPageWeight(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }

    public static IApplicationBuilder UsePoliceFeedsPageWeight(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
        {
            if (UncompressedPrefixes.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
                && context.Features.Get<IHttpsCompressionFeature>() is { } https)
            {
                https.Mode = HttpsCompressionMode.DoNotCompress;
            }

            context.Response.OnStarting(() =>
            {
                var response = context.Response;
                if (!response.Headers.ContainsKey(HeaderNames.CacheControl) && response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    response.Headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseResponseCompression();
        return app;
    }

    /// <summary>Options of UseStaticFiles: content-named files immutable for a year, the rest revalidated.</summary>
    public static StaticFileOptions StaticFileOptions() => new()
    {
        OnPrepareResponse = context =>
        {
            var request = context.Context.Request;
            var contentNamed = request.Query.ContainsKey("v") || request.Path.StartsWithSegments("/lib/dsfr/assets", StringComparison.OrdinalIgnoreCase);
            context.Context.Response.Headers.CacheControl = contentNamed
                ? $"public, max-age={(int)ImmutableLifetime.TotalSeconds}, immutable"
                : "no-cache";
        },
    };
}
