using Microsoft.Extensions.Options;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Startup;

public static class DatabaseStartup
{
    /// <summary>
    /// Migrates the database (unless <c>Database:MigrateAtStartup</c> is false), then creates the roles, the demo
    /// users in Development and the bootstrap admin when configured.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var databaseOptions = app.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (databaseOptions.MigrateAtStartup)
        {
            await DatabaseMigrator.MigrateAsync(app.Services);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<UserSeeder>();
        await seeder.EnsureRolesAsync();

        var seed = scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value;
        if (seed.DemoUsers && (app.Environment.IsDevelopment() || app.Environment.IsEnvironment("Testing")))
        {
            await seeder.SeedDemoUsersAsync();
        }

        var bootstrap = scope.ServiceProvider.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(bootstrap.NationalAdminEmail) && !string.IsNullOrWhiteSpace(bootstrap.NationalAdminPassword))
        {
            await seeder.CreateNationalAdminAsync(bootstrap.NationalAdminEmail, bootstrap.NationalAdminPassword);
        }
    }
}
