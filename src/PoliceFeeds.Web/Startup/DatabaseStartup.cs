using Microsoft.Extensions.Options;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Startup;

public static class DatabaseStartup
{
    /// <summary>
    /// Migrates the database (unless <c>Database:MigrateAtStartup</c> is false), then creates the roles, the demo
    /// users and the demo pilot history in Development and the bootstrap admin when configured.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var databaseOptions = app.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (databaseOptions.MigrateAtStartup)
        {
            await DatabaseMigrator.MigrateAsync(app.Services);
        }

        await DatabaseMigrator.CheckIsolationAsync(app.Services, databaseOptions.RequireReadCommittedSnapshot);

        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<UserSeeder>();
        await seeder.EnsureRolesAsync();

        // Authenticator keys stored in clear by an earlier version are encrypted now (they are read either way).
        await PoliceFeeds.Infrastructure.Security.ProtectedTokenUserStore.ProtectPlaintextKeysAsync(
            scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>(),
            scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>());

        var seed = scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value;
        // Demo users (a password everyone knows): Development, or the Testing environment inside the test host only.
        if (seed.DemoUsers && (app.Environment.IsDevelopment() || TestHostMarker.IsTestHost(app.Environment, app.Services)))
        {
            await seeder.SeedDemoUsersAsync();
        }
        else if (seed.DemoUsers)
        {
            app.Logger.LogWarning("Seed:DemoUsers is ignored in {Environment}: demo users are created in Development and by the test host only", app.Environment.EnvironmentName);
        }

        // The pilot's made-up history for the demo report: Development only (tests count messages in Testing).
        if (seed.DemoUsers && app.Environment.IsDevelopment())
        {
            await scope.ServiceProvider.GetRequiredService<DemoHistorySeeder>()
                .SeedAsync(PoliceFeeds.Infrastructure.Seeding.PilotSeed.Departments.Select(d => d.Id));
        }

        var bootstrap = scope.ServiceProvider.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(bootstrap.NationalAdminEmail) && !string.IsNullOrWhiteSpace(bootstrap.NationalAdminPassword))
        {
            await seeder.CreateNationalAdminAsync(bootstrap.NationalAdminEmail, bootstrap.NationalAdminPassword);
        }
    }
}
