using System.Diagnostics;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>
/// The real program, started as a process: a set-up that cannot work stops it at once with what to set; the
/// <c>create-admin</c> command takes the password from standard input or a file, never from the command line.
/// </summary>
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

    [Fact]
    public async Task Production_with_the_generated_key_ring_certificate_refuses_to_start_and_says_what_to_set()
    {
        // Everything else a production behind a proxy needs is set: only the key-encryption certificate is missing.
        var (exitCode, output) = await RunAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["AllowedHosts"] = "policefeeds.example.fr",
            ["Deployment__PublicBaseAddress"] = "https://policefeeds.example.fr",
            ["Deployment__KnownProxies__0"] = "10.0.0.5",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("DataProtection:CertificatePath is not set", output, StringComparison.Ordinal);
        Assert.Contains("DataProtection:AllowGeneratedCertificate", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "dataprotection-key-encryption.pfx")), "the certificate was generated before the refusal");
    }

    [Fact]
    public async Task Create_admin_refuses_a_password_on_the_command_line()
    {
        const string password = "Mot-De-Passe-Visible-2026";
        var (exitCode, output) = await RunAsync(Development, ["create-admin", "admin.ligne@example.fr", password]);

        Assert.Equal(2, exitCode);
        Assert.Contains("standard input", output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, output, StringComparison.Ordinal);
        Assert.False(await UserExistsAsync("admin.ligne@example.fr"));
    }

    [Fact]
    public async Task Create_admin_reads_the_password_from_standard_input()
    {
        var (exitCode, output) = await RunAsync(Development, ["create-admin", "admin.stdin@example.fr"], stdin: "Mot-De-Passe-Stdin-2026\n");

        Assert.True(exitCode == 0, output);
        Assert.True(await UserExistsAsync("admin.stdin@example.fr"));
    }

    [Fact]
    public async Task Create_admin_reads_the_password_from_a_file()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "admin-password.txt");
        await File.WriteAllTextAsync(file, "Mot-De-Passe-Fichier-2026\n");

        var (exitCode, output) = await RunAsync(Development, ["create-admin", "admin.fichier@example.fr", "--password-file", file]);

        Assert.True(exitCode == 0, output);
        Assert.True(await UserExistsAsync("admin.fichier@example.fr"));
    }

    private static Dictionary<string, string> Development => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Seed__DemoUsers"] = "false",
        ["Publishing__RunHostedService"] = "false",
        ["Engagement__RunHostedService"] = "false",
    };

    private async Task<bool> UserExistsAsync(string email)
    {
        var database = Path.Combine(_folder, "policefeeds.db");
        if (!File.Exists(database))
        {
            return false;
        }

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AspNetUsers WHERE Email = $email";
        command.Parameters.AddWithValue("$email", email);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    private async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string> environment, string[]? args = null, string? stdin = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PoliceFeeds.Web.dll"), .. args ?? []])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["Database__DataDirectory"] = _folder;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
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
