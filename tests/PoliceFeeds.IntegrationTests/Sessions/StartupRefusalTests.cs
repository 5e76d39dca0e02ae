using System.Diagnostics;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>The real program, started as a process: a set-up that cannot work stops it at once with what to set.</summary>
public sealed class StartupRefusalTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "policefeeds-tests", "startup-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Production_with_the_default_settings_refuses_to_start_and_says_what_to_set()
    {
        var (exitCode, output) = await RunAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Deployment:PublicBaseAddress is not set", output, StringComparison.Ordinal);
        Assert.Contains("AllowedHosts", output, StringComparison.Ordinal);
        Assert.Contains("listens on plain HTTP", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_server_without_a_certificate_refuses_to_start()
    {
        var (exitCode, output) = await RunAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Database__Provider"] = "SqlServer",
            ["Database__ConnectionString"] = "Server=127.0.0.1,1;Database=never;TrustServerCertificate=True",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Database:Provider is SqlServer but no DataProtection:CertificatePath is set", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PoliceFeeds.Web.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Database__DataDirectory"] = _folder;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app did not stop: it started although its set-up cannot work.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
