using Serilog;
using Serilog.Formatting.Compact;

namespace PoliceFeeds.Web.Startup;

public static class LoggingSetup
{
    /// <summary>
    /// Serilog from the "Serilog" configuration section (console), plus a daily rolling JSON file outside Development and
    /// the test environment (<c>Logging:File:Path</c>).
    /// </summary>
    public static void Configure(LoggerConfiguration logger, IServiceProvider services, IConfiguration configuration, IHostEnvironment environment)
    {
        logger.ReadFrom.Configuration(configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext();

        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            var path = configuration["Logging:File:Path"] ?? "logs/policefeeds-.json";
            var retained = configuration.GetValue("Logging:File:RetainedFileCountLimit", 30);
            logger.WriteTo.Async(sink => sink.File(new CompactJsonFormatter(), path, rollingInterval: RollingInterval.Day, retainedFileCountLimit: retained));
        }
    }
}
