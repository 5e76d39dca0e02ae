using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PoliceFeeds.Infrastructure.Data;

/// <summary>Applies pending migrations of the configured provider, then seeds what the environment calls for.</summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator));
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers and the publisher's writers share the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        // A SQL Server database the app creates itself gets READ_COMMITTED_SNAPSHOT at once (CheckIsolationAsync requires it).
        var creating = db.Database.IsSqlServer() && !await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (creating)
        {
            logger.LogInformation("New SQL Server database: turning READ_COMMITTED_SNAPSHOT on");
            await db.Database.ExecuteSqlRawAsync("ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE", cancellationToken);
        }
    }

    /// <summary>
    /// SQL Server: refuses to start unless <c>READ_COMMITTED_SNAPSHOT</c> is on (unless <paramref name="required"/> is false, then
    /// it warns): without it the publisher's claims and the pages' reads wait on each other's locks and can deadlock, and
    /// the claim's second reference to a table reads another version than its update (see docs/publisher.md). Nothing on SQLite.
    /// </summary>
    public static async Task CheckIsolationAsync(IServiceProvider services, bool required, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        if (!db.Database.IsSqlServer())
        {
            return;
        }

        var on = await db.Database
            .SqlQueryRaw<int>("SELECT CAST(is_read_committed_snapshot_on AS int) AS [Value] FROM sys.databases WHERE name = DB_NAME()")
            .SingleAsync(cancellationToken);
        var problem = IsolationProblem(on == 1, required);
        if (problem is null)
        {
            return;
        }

        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator));
        logger.LogCritical("{Problem}", problem);
        if (required)
        {
            throw new InvalidOperationException(problem);
        }
    }

    /// <summary>What is wrong with the database's isolation, or null (the start-up check's rule).</summary>
    public static string? IsolationProblem(bool readCommittedSnapshotOn, bool required) => readCommittedSnapshotOn
        ? null
        : "READ_COMMITTED_SNAPSHOT is off on this SQL Server database. Run: ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE"
            + (required ? " (or set Database:RequireReadCommittedSnapshot to false to start anyway, at the risk of blocked pages and deadlocks)." : ".");
}
