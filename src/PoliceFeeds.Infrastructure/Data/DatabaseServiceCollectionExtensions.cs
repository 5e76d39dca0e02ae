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

    public static string SqliteConnectionString(DatabaseOptions options, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        Directory.CreateDirectory(dataDirectory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "policefeeds.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }
}

/// <summary>Where the database lives, for start-up messages and the local key file.</summary>
public sealed record DatabaseLocation(string Provider, string DataDirectory);
