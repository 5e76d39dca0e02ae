using System.Runtime.CompilerServices;

namespace PoliceFeeds.IntegrationTests.Infrastructure;

/// <summary>Settings of the test process itself, applied before any test code runs.</summary>
internal static class TestProcessSettings
{
    /// <summary>
    /// No configuration file watchers: every host a test starts (the app, the fake X) would otherwise watch its JSON
    /// files with one inotify instance each, and Linux allows a user 128 of them (<c>fs.inotify.max_user_instances</c>);
    /// a test process with many hosts alive, or two test processes at once, then fails to start hosts ("The configured
    /// user limit (128) on the number of inotify instances has been reached"). Tests never edit configuration files.
    /// The web root's file provider (which <c>asp-append-version</c> asks to watch the files it fingerprints) polls
    /// instead of taking an inotify instance per host: tests never edit static files either.
    /// </summary>
#pragma warning disable CA2255 // A test assembly's own process setting, applied before its first host starts: the intended use.
    [ModuleInitializer]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
#pragma warning restore CA2255
}
