using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Engagement;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.Infrastructure.Networks.Bluesky;
using PoliceFeeds.Infrastructure.Networks.Mastodon;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Infrastructure.XApi;
using PoliceFeeds.Web.Engagement;
using PoliceFeeds.Web.Health;
using PoliceFeeds.Web.Publishing;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Startup;

public static class WebServiceCollectionExtensions
{
    public static readonly CultureInfo[] SupportedCultures = [new("fr-FR"), new("en")];

    public static IServiceCollection AddPoliceFeedsIdentity(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<PoliceFeedsDbContext>()
            .AddDefaultTokenProviders()
            .AddSignInManager<PoliceFeedsSignInManager>()
            .AddErrorDescriber<FrenchIdentityErrorDescriber>();

        // Role and membership changes reach open sessions within 5 minutes; the session id and the two-factor claim
        // survive the rebuilt principal. Ending a session (logout, deactivation, lock) is immediate: ServerSessions.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(5);
            o.OnRefreshingPrincipal = ServerSessions.CarryClaims;
        });
        services.AddScoped<PoliceFeeds.Infrastructure.Security.UserSessionStore>();
        services.AddScoped<IUserStore<AppUser>, PoliceFeeds.Infrastructure.Security.ProtectedTokenUserStore>();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "PoliceFeeds.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        services.AddScoped<IUserClaimsPrincipalFactory<AppUser>, ActiveUserClaimsPrincipalFactory>();
        return services;
    }

    public static IServiceCollection AddPoliceFeedsWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Cookies are Secure outside Development (where the app answers on plain http://localhost) and the test host
        // (the Testing environment alone is not enough: TestHostMarker).
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IServiceProvider>((options, provider) => options.Cookie.SecurePolicy = TestHostMarker.CookieSecurity(environment, provider));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "PoliceFeeds.Antiforgery";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>()
            .Configure<IServiceProvider>((options, provider) => options.Cookie.SecurePolicy = TestHostMarker.CookieSecurity(environment, provider));
        services.AddPoliceFeedsHsts();
        services.AddPoliceFeedsSignInRateLimit(configuration);
        services.AddOptions<PoliceFeeds.Infrastructure.Security.SessionOptions>()
            .Bind(configuration.GetSection(PoliceFeeds.Infrastructure.Security.SessionOptions.SectionName))
            .Validate(o => o.AbsoluteLifetime > TimeSpan.Zero, "Sessions:AbsoluteLifetime must be a positive duration, e.g. 10:00:00.")
            .ValidateOnStart();
        services.Configure<SeedOptions>(configuration.GetSection("Seed"));
        services.Configure<BootstrapOptions>(configuration.GetSection("Bootstrap"));
        services.AddScoped<UserSeeder>();
        services.AddScoped<DemoHistorySeeder>();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<PoliceFeeds.Web.Pages.Shared.OfficerNavigation>();
        services.AddScoped<PoliceFeeds.Web.Pages.Report.ReportQuery>();
        services.AddScoped<PoliceFeeds.Web.Pages.Archives.ArchiveQuery>();
        services.AddScoped<PoliceFeeds.Web.Pages.Archives.ArchiveWriter>();
        services.AddScoped<PoliceFeeds.Web.Pages.Report.ReportRollupBuilder>();
        services.AddScoped<PoliceFeeds.Web.Pages.Report.ReportRollupJob>();
        services.Configure<PoliceFeeds.Web.Pages.Report.ReportRollupOptions>(configuration.GetSection(PoliceFeeds.Web.Pages.Report.ReportRollupOptions.SectionName));
        if (configuration.GetValue("ReportRollup:RunHostedService", true))
        {
            services.AddHostedService<PoliceFeeds.Web.Report.ReportRollupHostedService>();
        }

        services.Configure<PoliceFeeds.Web.Pages.Admin.Audit.AuditExportOptions>(configuration.GetSection(PoliceFeeds.Web.Pages.Admin.Audit.AuditExportOptions.SectionName));
        services.AddSingleton<PoliceFeeds.Web.Pages.Messages.PendingPhotoStore>();
        services.AddXApi(configuration);
        services.AddPublishing(configuration);
        services.AddBlueskyNetwork(configuration);
        services.AddMastodonNetwork(configuration);
        if (configuration.GetValue("Publishing:RunHostedService", true))
        {
            services.AddHostedService<PublisherHostedService>();
        }

        services.AddEngagement(configuration);
        if (configuration.GetValue("Engagement:RunHostedService", true))
        {
            services.AddHostedService<EngagementHostedService>();
        }

        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddSingleton<Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizerFactory, CachingStringLocalizerFactory>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("fr-FR");
            options.SupportedCultures = SupportedCultures;
            options.SupportedUICultures = SupportedCultures;
        });

        // Pages carry French as UTF-8 text rather than an entity for each accented letter (lighter pages): Latin letters
        // (œ included), « », € and the typographic punctuation French uses are written as they are. The encoder still
        // encodes < > & " ' + whatever the ranges, and General Punctuation is not allowed as a whole so that invisible
        // controls (bidirectional overrides, zero-width characters, line separators) stay visible entities; so do the
        // spaces other than U+0020 (the encoder never lets them through).
        services.Configure<WebEncoderOptions>(o =>
        {
            var settings = new TextEncoderSettings(UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement, UnicodeRanges.LatinExtendedA, UnicodeRanges.CurrencySymbols, UnicodeRanges.Arrows);
            settings.AllowCharacters('\u2010', '\u2011', '\u2013', '\u2014', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2026');
            o.TextEncoderSettings = settings;
        });

        services.AddRazorPages(options =>
            {
                // Everything needs a signed-in user, except signing in.
                options.Conventions.AuthorizeFolder("/");
                options.Conventions.AllowAnonymousToFolder("/Account");
                options.Conventions.AuthorizePage("/Account/Logout");
                options.Conventions.AllowAnonymousToPage("/Error");
                options.Conventions.AllowAnonymousToFolder("/Legal");
                options.Conventions.AuthorizeFolder("/Admin", AuthorizationPolicies.NationalAdmin);
                options.Conventions.AuthorizeFolder("/Report", AuthorizationPolicies.ReportReader);
                options.Conventions.AuthorizeFolder("/Archives", AuthorizationPolicies.ReportReader);
            })
            .AddMvcOptions(o =>
            {
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                o.Filters.Add<MustChangePasswordFilter>();
                o.Filters.Add<AdminTwoFactorFilter>();
                o.Filters.Add<RequestSafety.UnknownHandlerFilter>();
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.Mvc.MvcOptions>, FrenchModelBindingMessages>();

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicies.NationalAdmin, p => p.RequireRole(Roles.NationalAdmin))
            .AddPolicy(AuthorizationPolicies.ReportReader, p => p.RequireRole(Roles.NationalAdmin, Roles.Validator));

        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
        services.AddPoliceFeedsHealthChecks();
        return services;
    }
}
