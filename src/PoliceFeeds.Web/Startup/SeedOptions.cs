namespace PoliceFeeds.Web.Startup;

/// <summary>The "Seed" and "Bootstrap" configuration sections.</summary>
public sealed class SeedOptions
{
    /// <summary>Create the demo users (Development only: ignored in any other environment).</summary>
    public bool DemoUsers { get; set; }
}

/// <summary>
/// The first national administrator of a production installation: set <c>Bootstrap:NationalAdminEmail</c> and
/// <c>Bootstrap:NationalAdminPassword</c> (environment or user secrets) for one start, or run the
/// <c>create-admin</c> command.
/// </summary>
public sealed class BootstrapOptions
{
    public string? NationalAdminEmail { get; set; }

    public string? NationalAdminPassword { get; set; }
}
