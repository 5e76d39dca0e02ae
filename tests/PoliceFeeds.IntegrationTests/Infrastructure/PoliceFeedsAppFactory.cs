using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.IntegrationTests.Infrastructure;

/// <summary>
/// The whole application on a fresh database of its own: a SQLite file in a temporary folder (or SQL Server when
/// <c>POLICEFEEDS_TEST_PROVIDER=SqlServer</c> and <c>POLICEFEEDS_TEST_SQLSERVER</c> give one), demo users seeded, on a
/// <see cref="TestClock"/> of its own (a test that needs a fully frozen clock registers its own <see cref="TimeProvider"/>
/// in <see cref="ServiceOverrides"/>, and <see cref="UtcNow"/> follows it).
/// </summary>
public class PoliceFeedsAppFactory : WebApplicationFactory<Program>
{
    public PoliceFeedsAppFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "policefeeds-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    /// <summary>
    /// A second instance of the application on the database (and key file) of <paramref name="first"/>, as when
    /// several instances serve the same site: the folder stays with the first one, which deletes it.
    /// </summary>
    public static PoliceFeedsAppFactory SharingDatabaseOf(PoliceFeedsAppFactory first) => new(first.DataDirectory, first.Clock);

    // xUnit needs a single public constructor on a class fixture.
    private PoliceFeedsAppFactory(string sharedDataDirectory, TestClock clock)
    {
        DataDirectory = sharedDataDirectory;
        _sharesDirectory = true;
        Clock = clock;
    }

    /// <summary>The application's clock, unless a test registers its own <see cref="TimeProvider"/>.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>Now on the application's clock (whichever <see cref="TimeProvider"/> it runs on), as a UTC <see cref="DateTime"/>.</summary>
    public DateTime UtcNow => Now.UtcDateTime;

    /// <summary>Now on the application's clock, as a <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset Now => Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private readonly bool _sharesDirectory;

    /// <summary>Folder of this factory's SQLite file and key file.</summary>
    public string DataDirectory { get; }

    /// <summary>Extra settings a test class wants (applied before the app is built).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>
    /// Whether the app is told it runs inside the test host (<c>TestHostMarker</c>), which alone lets the Testing
    /// environment seed demo users and accept cookies over plain HTTP. A test turns it off to see the app as
    /// <c>ASPNETCORE_ENVIRONMENT=Testing dotnet run</c> would be.
    /// </summary>
    public bool RegistersTestHost { get; set; } = true;

    /// <summary>Extra service registrations a test class wants (for example a fake clock).</summary>
    public List<Action<IServiceCollection>> ServiceOverrides { get; } = [];

    public static string Provider => Environment.GetEnvironmentVariable("POLICEFEEDS_TEST_PROVIDER") ?? DatabaseProviders.Sqlite;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("Seed:DemoUsers", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Tests sign in many times from one address: the sign-in rate limiter is generous here (SignInRateLimitTests
        // sets a low limit to prove it).
        builder.UseSetting("SignIn:RateLimit:PermitLimit", "100000");
        // The engagement job only runs where a test turns it on (Settings["Engagement:RunHostedService"] = "true").
        builder.UseSetting("Engagement:RunHostedService", "false");
        // Nor the report's roll-up job: a closed month without its roll-up is computed live (ReportRollupTests builds them).
        builder.UseSetting("ReportRollup:RunHostedService", "false");
        if (Provider == DatabaseProviders.SqlServer)
        {
            var server = Environment.GetEnvironmentVariable("POLICEFEEDS_TEST_SQLSERVER")
                ?? throw new InvalidOperationException("POLICEFEEDS_TEST_SQLSERVER is required with POLICEFEEDS_TEST_PROVIDER=SqlServer.");
            builder.UseSetting("Database:Provider", DatabaseProviders.SqlServer);
            builder.UseSetting("Database:ConnectionString", $"{server};Database=policefeeds_{Path.GetFileName(DataDirectory)};TrustServerCertificate=True");

            // One test instance per database: the generated key-encryption certificate is enough.
            builder.UseSetting("DataProtection:AllowGeneratedCertificate", "true");
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            if (RegistersTestHost)
            {
                services.AddSingleton<Web.Startup.TestHostMarker>();
            }

            foreach (var action in ServiceOverrides)
            {
                action(services);
            }
        });
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see each answer.</summary>
    public TestClient CreateTestClient() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A scope on the application's services, for arranging and checking the database.</summary>
    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    public override async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProviders.SqlServer && !_sharesDirectory)
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().Database.EnsureDeletedAsync();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_sharesDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platforms; the temp folder is cleaned by the system.
        }
    }
}
