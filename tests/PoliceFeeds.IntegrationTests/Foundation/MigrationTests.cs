using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.IntegrationTests.Foundation;

/// <summary>Both providers' migrations, checked without a SQL Server: model in sync, script parses, SQLite builds and seeds.</summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "policefeeds-tests", "migrations-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Sqlite_migrations_have_no_pending_model_changes()
    {
        using var db = CreateSqlite();
        Assert.False(db.Database.HasPendingModelChanges(), "Run eng/add-migration.sh: the SQLite migrations are behind the model.");
    }

    [Fact]
    public void SqlServer_migrations_have_no_pending_model_changes()
    {
        using var db = CreateSqlServer();
        Assert.False(db.Database.HasPendingModelChanges(), "Run eng/add-migration.sh: the SQL Server migrations are behind the model.");
    }

    [Fact]
    public void SqlServer_migration_script_is_generated_and_parses_as_TSql()
    {
        using var db = CreateSqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        parser.Parse(reader, out var errors);

        Assert.Contains("CREATE TABLE [Messages]", script, StringComparison.Ordinal);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    [Fact]
    public async Task Sqlite_migrations_build_an_empty_file_database_with_the_seed()
    {
        await using var db = CreateSqlite();
        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var codes = await db.Departments.Where(d => !d.IsNational).OrderBy(d => d.Code).Select(d => d.Code).ToListAsync();
        Assert.Equal(Core.Departments.DepartmentCatalog.All.Select(d => d.Code).Order(StringComparer.Ordinal), codes);
        Assert.Equal(["06", "35", "44", "62", "67", Core.Departments.Department.NationalCode], await db.Departments.Where(d => d.IsActive).OrderBy(d => d.Code).Select(d => d.Code).ToListAsync());
        Assert.Equal(6, await db.PublishingAccounts.CountAsync(a => a.Mode == AccountMode.Sandbox));
        Assert.Equal(7, await db.Categories.CountAsync());
        Assert.True(await db.Categories.AnyAsync(c => c.Label == "Disparition inquiétante" && c.RequiresValidation));
        Assert.True((await db.PublishingSettings.SingleAsync()).PublishingEnabled);
        Assert.True(File.Exists(Path.Combine(_directory, "migrate.db")));
    }

    [Fact]
    public async Task Sqlite_search_text_migration_backfills_existing_messages()
    {
        await using var db = CreateSqlite();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261201232749_XAccountRefreshLease");
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO Messages (DepartmentId, CategoryId, Text, Status, ScheduleMode, AuthorId, CreatedAtUtc, UpdatedAtUtc, Attempts, Version, FollowUpKind)
            VALUES (1, 4, 'Appel à TÉMOINS : Œuvre volée, Ça suffit', 0, 0, 'author', '2026-03-01 09:00:00', '2026-03-01 09:00:00', 0, 0, 0)
            """);

        await migrator.MigrateAsync();

        var stored = await db.Database.SqlQueryRaw<string>("SELECT SearchText AS Value FROM Messages").SingleAsync();
        Assert.Equal("appel a temoins : oeuvre volee, ca suffit", stored);
        Assert.Equal(Core.Search.SearchNormalizer.Normalize("Appel à TÉMOINS : Œuvre volée, Ça suffit"), stored);
    }

    private PoliceFeedsDbContext CreateSqlite()
    {
        Directory.CreateDirectory(_directory);
        var options = new DbContextOptionsBuilder<PoliceFeedsDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, new DatabaseOptions { Provider = DatabaseProviders.Sqlite, ConnectionString = $"Data Source={Path.Combine(_directory, "migrate.db")}" }, _directory);
        return new PoliceFeedsDbContext(options.Options);
    }

    private static PoliceFeedsDbContext CreateSqlServer()
    {
        var options = new DbContextOptionsBuilder<PoliceFeedsDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, new DatabaseOptions { Provider = DatabaseProviders.SqlServer, ConnectionString = "Server=unused;Database=PoliceFeeds;TrustServerCertificate=True" }, ".");
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
