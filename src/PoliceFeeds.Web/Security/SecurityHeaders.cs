namespace PoliceFeeds.Web.Security;

/// <summary>
/// Response headers of every page: a Content-Security-Policy that allows scripts from the application only (no inline
/// script), no plugins, no framing and no &lt;base&gt;; nosniff; a strict referrer policy. HSTS (one year) is added by
/// the framework outside Development.
/// </summary>
public static class SecurityHeaders
{
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    /// <param name="xAuthorizeUrl">
    /// X's OAuth 2.0 authorize page: "Connecter le compte X" posts a form whose answer redirects there, and browsers apply
    /// <c>form-action</c> to that redirect.
    /// </param>
    public static HeaderPolicyCollection Policies(Uri xAuthorizeUrl) => new HeaderPolicyCollection()
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
            csp.AddFormAction().Self().From(xAuthorizeUrl.GetLeftPart(UriPartial.Authority));
        })
        .AddPermissionsPolicyWithDefaultSecureDirectives();

    public static IServiceCollection AddPoliceFeedsHsts(this IServiceCollection services) =>
        services.AddHsts(options =>
        {
            options.MaxAge = HstsMaxAge;
            options.IncludeSubDomains = true;
        });
}
