using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Data.MigrationSql;

namespace PoliceFeeds.IntegrationTests.Foundation;

/// <summary>The migration that lists every department: pilot kept active, the others added inactive, existing ones untouched.</summary>
public sealed class EveryDepartmentMigrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "policefeeds-tests", "departments-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_new_database_has_every_department_the_pilot_active_and_unchanged()
    {
        await using var db = CreateSqlite();
        await db.Database.MigrateAsync();

        // The national scope is a department row of its own (NationalScopeTests), outside the list.
        var departments = await db.Departments.AsNoTracking().Include(d => d.Accounts).Where(d => !d.IsNational).ToListAsync();
        Assert.Equal(106, departments.Count);
        Assert.Equal(departments.Count, departments.Select(d => d.Code).Distinct().Count());
        foreach (var pilot in PoliceFeeds.Infrastructure.Seeding.PilotSeed.Departments)
        {
            var stored = departments.Single(d => d.Code == pilot.Code);
            Assert.Equal((pilot.Id, pilot.Name, pilot.TimeZoneId, true, "Police nationale " + pilot.Code), (stored.Id, stored.Name, stored.TimeZoneId, stored.IsActive, stored.ServiceName));
            Assert.Single(stored.Accounts);
            Assert.True(stored.ValidationPolicyChosen);
        }

        var added = departments.Where(d => !d.IsActive).ToList();
        Assert.Equal(101, added.Count);
        Assert.All(added, d => Assert.Empty(d.Accounts));
        Assert.All(added, d => Assert.False(d.ValidationPolicyChosen));
        Assert.Equal(("La Réunion", "Indian/Reunion", "Police nationale 974"), added.Where(d => d.Code == "974").Select(d => (d.Name, d.TimeZoneId, d.ServiceName)).Single());
        Assert.Equal(("Nouvelle-Calédonie", "Pacific/Noumea"), added.Where(d => d.Code == "988").Select(d => (d.Name, d.TimeZoneId)).Single());
        Assert.Equal("Côte-d'Or", added.Single(d => d.Code == "21").Name);
        Assert.All(departments, d => TimeZoneInfo.FindSystemTimeZoneById(d.TimeZoneId));
    }

    [Fact]
    public async Task A_department_an_admin_created_before_keeps_its_id_settings_and_activity()
    {
        await using var db = CreateSqlite();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var previous = migrations[migrations.FindIndex(m => m.EndsWith("_EveryDepartmentListed", StringComparison.Ordinal)) - 1];
        await migrator.MigrateAsync(previous);
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO Departments (Code, Name, TimeZoneId, IsActive, PublishingPaused, RequiresValidation, DeviationEndAction, DeviationEndTemplate, FoundThanksTemplate, RedactFoundAppealsAfterDays, FlagOpenAppealsAfterDays, ReplyFallback)
            VALUES ('13', 'Bouches-du-Rhône (DIPN)', 'Europe/Paris', 1, 0, 1, 0, 'Fin.', 'Merci.', 30, 7, 1)
            """);

        await migrator.MigrateAsync();

        var marseille = await db.Departments.AsNoTracking().SingleAsync(d => d.Code == "13");
        Assert.Equal((6, "Bouches-du-Rhône (DIPN)", true, true, true, "Police nationale 13"),
            (marseille.Id, marseille.Name, marseille.IsActive, marseille.RequiresValidation, marseille.ValidationPolicyChosen, marseille.ServiceName));
        Assert.Equal(106, await db.Departments.CountAsync(d => !d.IsNational));
    }

    [Fact]
    public void The_SQL_Server_statements_parse_as_TSql_with_unicode_literals()
    {
        var script = AllDepartments.Script(unicodeLiterals: true);
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
        Assert.Contains("N'La Réunion'", script, StringComparison.Ordinal);
        Assert.Contains("N'Côte-d''Or'", script, StringComparison.Ordinal);
        Assert.DoesNotContain("N'", AllDepartments.Script(unicodeLiterals: false), StringComparison.Ordinal);
    }

    private PoliceFeedsDbContext CreateSqlite()
    {
        Directory.CreateDirectory(_directory);
        var options = new DbContextOptionsBuilder<PoliceFeedsDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, new DatabaseOptions { Provider = DatabaseProviders.Sqlite, ConnectionString = $"Data Source={Path.Combine(_directory, "migrate.db")}" }, _directory);
        return new PoliceFeedsDbContext(options.Options);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
