namespace PoliceFeeds.Web.Startup;

/// <summary>
/// Registered by the integration tests' host (their <c>WebApplicationFactory</c>) and by nothing else: configuration
/// cannot register a service. The Testing environment's allowances (demo users, cookies over plain HTTP) need it, so
/// <c>ASPNETCORE_ENVIRONMENT=Testing dotnet run</c> seeds no one and keeps its cookies Secure.
/// </summary>
public sealed class TestHostMarker
{
    public const string EnvironmentName = "Testing";

    /// <summary>The Testing environment inside the test host.</summary>
    public static bool IsTestHost(IHostEnvironment environment, IServiceProvider services) =>
        environment.IsEnvironment(EnvironmentName) && services.GetService<TestHostMarker>() is not null;

    /// <summary>Cookies may go over plain HTTP: Development (http://localhost) and the test host only.</summary>
    public static CookieSecurePolicy CookieSecurity(IHostEnvironment environment, IServiceProvider services) =>
        environment.IsDevelopment() || IsTestHost(environment, services) ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
}
