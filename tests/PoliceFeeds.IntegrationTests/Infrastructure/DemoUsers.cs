using PoliceFeeds.Web.Startup;

namespace PoliceFeeds.IntegrationTests.Infrastructure;

/// <summary>The demo users seeded in the test environment (department ids: 44 → 1, 35 → 2, 62 → 3, 67 → 4, 06 → 5).</summary>
public static class DemoUsers
{
    public const string Admin = UserSeeder.DemoAdminEmail;

    public static readonly string Officer44 = UserSeeder.DemoOfficerEmail("44");
    public static readonly string Validator44 = UserSeeder.DemoValidatorEmail("44");
    public static readonly string Officer35 = UserSeeder.DemoOfficerEmail("35");
    public static readonly string Validator35 = UserSeeder.DemoValidatorEmail("35");
    public static readonly string Officer62 = UserSeeder.DemoOfficerEmail("62");
    public static readonly string Validator62 = UserSeeder.DemoValidatorEmail("62");

    public const int Department44 = 1;
    public const int Department35 = 2;
    public const int Department62 = 3;
}
