using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.IntegrationTests.Foundation;

/// <summary>A database where one X account was connected to several departments still migrates to the unique index.</summary>
public sealed class OneDepartmentPerXAccountMigrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "policefeeds-tests", "xuser-migration-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Duplicated_x_accounts_are_released_except_the_oldest_before_the_unique_index()
    {
        Directory.CreateDirectory(_directory);
        var options = new DbContextOptionsBuilder<PoliceFeedsDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, new DatabaseOptions { Provider = DatabaseProviders.Sqlite, ConnectionString = $"Data Source={Path.Combine(_directory, "x.db")}" }, _directory);
        await using var db = new PoliceFeedsDbContext(options.Options);
        var migrator = db.GetService<IMigrator>();
        var all = db.Database.GetMigrations().ToList();
        var unique = all.Single(m => m.EndsWith("_HardeningFourEyesAndXUserId", StringComparison.Ordinal));
        await migrator.MigrateAsync(all[all.IndexOf(unique) - 1]);
        await db.Database.ExecuteSqlRawAsync("UPDATE XAccounts SET XUserId = '1234567890' WHERE Id IN (1, 2, 3)");
        await db.Database.ExecuteSqlRawAsync("UPDATE XAccounts SET XUserId = '999' WHERE Id = 4");

        await migrator.MigrateAsync();

        var accounts = await db.PublishingAccounts.AsNoTracking().Where(a => a.Handle != PoliceFeeds.Infrastructure.Data.MigrationSql.NationalScope.Handle).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["1234567890", null, null, "999", null], accounts.Select(a => a.RemoteUserId));
        Assert.Equal([AccountState.Connected, AccountState.NeedsReconnecting, AccountState.NeedsReconnecting, AccountState.Connected, AccountState.Connected], accounts.Select(a => a.State));
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
