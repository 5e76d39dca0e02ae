using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.Infrastructure.Security;
using PoliceFeeds.Web.Health;
using PoliceFeeds.Web.Pages.Admin.Dashboard;
using PoliceFeeds.Web.Security;
using PoliceFeeds.Web.Startup;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    // The host gets a logger of its own (preserveStaticLogger): the static bootstrap logger is only for start-up
    // failures. Freezing the static one into the host's made concurrent hosts in one process (the tests) fail to start
    // now and then with "The logger is already frozen".
    builder.Services.AddSerilog((services, logger) => LoggingSetup.Configure(logger, services, builder.Configuration, builder.Environment), preserveStaticLogger: true);

    builder.Services.AddSingleton(TimeProvider.System);

    // First: a set-up that cannot work stops here, before anything is created (such as a generated certificate).
    builder.Services.AddPoliceFeedsDeployment(builder.Configuration, builder.Environment);
    builder.Services.AddPoliceFeedsDatabase(builder.Configuration, builder.Environment.ContentRootPath);
    var dataDirectory = DatabaseServiceCollectionExtensions.ResolveDataDirectory(
        builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions(),
        builder.Environment.ContentRootPath);
    builder.Services.AddPoliceFeedsDataProtection(builder.Configuration, dataDirectory);
    builder.Services.AddPoliceFeedsIdentity();
    builder.Services.AddPoliceFeedsWeb(builder.Configuration, builder.Environment);
    builder.Services.AddPoliceFeedsPageWeight();
    builder.Services.AddPoliceFeedsMonitoringOpenApi();

    var app = builder.Build();
    app.UsePoliceFeedsForwardedHeaders();

    if (args.Length > 0 && args[0] == "create-admin")
    {
        return await AdminCommand.RunAsync(app, args);
    }

    await app.PrepareDatabaseAsync();

    if (!app.Environment.IsDevelopment())
    {
        app.UseExceptionHandler("/Error");
        app.UseHsts();
    }

    var xApi = app.Configuration.GetSection(PoliceFeeds.Infrastructure.XApi.XApiOptions.SectionName).Get<PoliceFeeds.Infrastructure.XApi.XApiOptions>() ?? new();
    app.UseSecurityHeaders(SecurityHeaders.Policies(xApi.AuthorizeUrl));
    app.UseStatusCodePagesWithReExecute("/Error", "?statusCode={0}");
    app.UseRequestLocalization();
    app.UsePoliceFeedsPageWeight();
    app.UseStaticFiles(PageWeight.StaticFileOptions());
    app.UseRouting();
    app.UseRateLimiter();
    app.UseAuthentication();
    app.UseServerSessions();
    app.UseAuthorization();
    app.UseSerilogRequestLogging(options =>
    {
        options.EnrichDiagnosticContext = RequestLogEnricher.Enrich;

        // The app's configured logger (levels, asynchronous sinks, the file), not the static console-only bootstrap
        // logger, which each host keeps (preserveStaticLogger) and which would write every request synchronously.
        options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
    });
    app.MapPoliceFeedsHealthChecks();
    app.MapPoliceFeedsMonitoring();
    app.MapRazorPages();

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "PoliceFeeds stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
