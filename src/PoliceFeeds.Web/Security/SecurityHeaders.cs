namespace PoliceFeeds.Web.Security;

/// <summary>
/// Response headers of every page: a Content-Security-Policy that allows scripts from the application only (no inline
/// script), no plugins, no framing and no &lt;base&gt;; nosniff; a strict referrer policy. HSTS (one year) is added by
/// the framework outside Development.
/// </summary>
public static class SecurityHeaders
{
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static HeaderPolicyCollection Policies() => new HeaderPolicyCollection()
        .AddFrameOptionsDeny()
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicyStrictOriginWhenCrossOrigin()
        .AddCrossOriginOpenerPolicy(b => b.SameOrigin())
        .RemoveServerHeader()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().Self();
            csp.AddStyleSrc().Self();
            // Photos being chosen are previewed from blob: URLs; Bootstrap's icons are data: SVGs.
            csp.AddImgSrc().Self().Data().Blob();
            csp.AddFontSrc().Self();
            csp.AddConnectSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().None();
            csp.AddFrameAncestors().None();
            csp.AddFormAction().Self();
        })
        .AddPermissionsPolicyWithDefaultSecureDirectives();

    public static IServiceCollection AddPoliceFeedsHsts(this IServiceCollection services) =>
        services.AddHsts(options =>
        {
            options.MaxAge = HstsMaxAge;
            options.IncludeSubDomains = true;
        });
}
