using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PoliceFeeds.Infrastructure.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PoliceFeedsDbContext"/> on the provider chosen by <c>Database:Provider</c>, each with its
    /// own migrations assembly.
    /// </summary>
    public static IServiceCollection AddPoliceFeedsDatabase(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var dataDirectory = ResolveDataDirectory(options, contentRootPath);
        services.AddSingleton(new DatabaseLocation(options.Provider, dataDirectory));
        services.AddSingleton<DepartmentSnapshotCache>();
        services.AddSingleton<GroupCommitWriter>();
        services.AddSingleton<DepartmentSnapshotInvalidator>();
        services.AddSingleton<NationalSettingsCache>();
        services.AddSingleton<NationalSettingsInvalidator>();
        services.AddDbContext<PoliceFeedsDbContext>((provider, builder) =>
        {
            Configure(builder, options, dataDirectory);
            builder.AddInterceptors(provider.GetRequiredService<DepartmentSnapshotInvalidator>(), provider.GetRequiredService<NationalSettingsInvalidator>());

            // Interceptors registered by the host (the fault tests simulate a database outage with one).
            builder.AddInterceptors(provider.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        });
        return services;
    }

    public static string ResolveDataDirectory(DatabaseOptions options, string contentRootPath) =>
        Path.GetFullPath(Path.IsPathRooted(options.DataDirectory)
            ? options.DataDirectory
            : Path.Combine(contentRootPath, options.DataDirectory));

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string dataDirectory)
    {
        if (string.Equals(options.Provider, DatabaseProviders.SqlServer, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is SqlServer.");
            }

            if (!options.ConnectionString.Contains('=', StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    "Database:ConnectionString is not a SQL Server connection string: with Database:Provider SqlServer it expects 'Server=...;Database=...;...' (a file path is for Sqlite).");
            }

            builder.UseSqlServer(options.ConnectionString, sql => sql.MigrationsAssembly(DatabaseProviders.SqlServerMigrationsAssembly));
        }
        else if (string.Equals(options.Provider, DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            builder.UseSqlite(SqliteConnectionString(options, dataDirectory), sqlite => sqlite.MigrationsAssembly(DatabaseProviders.SqliteMigrationsAssembly));
            builder.AddInterceptors(new SqliteBusyTimeout(TimeSpan.FromSeconds(30)));
        }
        else
        {
            throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'. Use Sqlite or SqlServer.");
        }
    }

    /// <summary>
    /// The SQLite connection string: <c>policefeeds.db</c> in the data folder when <c>Database:ConnectionString</c> is
    /// empty; the database file when it is a path (no <c>=</c>: <c>data/policefeeds.db</c>, <c>/var/lib/policefeeds/policefeeds.db</c>;
    /// a relative path starts at the working directory, and its folder is created); else a connection string
    /// (<c>Data Source=...</c>), which must be one SQLite reads, or start-up stops with one line saying so.
    /// </summary>
    public static string SqliteConnectionString(DatabaseOptions options, string dataDirectory)
    {
        var configured = options.ConnectionString?.Trim();
        if (string.IsNullOrEmpty(configured))
        {
            return FileConnectionString(Path.Combine(dataDirectory, "policefeeds.db"));
        }

        if (!configured.Contains('=', StringComparison.Ordinal))
        {
            return FileConnectionString(Path.GetFullPath(configured));
        }

        try
        {
            return new SqliteConnectionStringBuilder(configured).ToString();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"Database:ConnectionString is not a connection string SQLite can read ({ex.Message.ReplaceLineEndings(" ")}): give the database's file path " +
                "(e.g. /var/lib/policefeeds/policefeeds.db) or a connection string such as 'Data Source=/var/lib/policefeeds/policefeeds.db', or leave it empty for policefeeds.db in Database:DataDirectory.", ex);
        }
    }

    private static string FileConnectionString(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }
}

/// <summary>Where the database lives, for start-up messages and the local key file.</summary>
public sealed record DatabaseLocation(string Provider, string DataDirectory);
