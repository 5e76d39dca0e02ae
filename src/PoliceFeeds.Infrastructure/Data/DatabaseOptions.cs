namespace PoliceFeeds.Infrastructure.Data;

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>"Sqlite" (the embedded default) or "SqlServer".</summary>
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>
    /// Connection string. For SQLite it may be left empty: the database is then <c>policefeeds.db</c> in
    /// <see cref="DataDirectory"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the embedded database and the local key file. Relative paths start at the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations at start-up. Production may turn this off and run the migration script itself.</summary>
    public bool MigrateAtStartup { get; set; } = true;

    /// <summary>SQL Server: refuse to start unless READ_COMMITTED_SNAPSHOT is on (false: only warn).</summary>
    public bool RequireReadCommittedSnapshot { get; set; } = true;
}

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string SqlServer = "SqlServer";

    public const string SqliteMigrationsAssembly = "PoliceFeeds.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "PoliceFeeds.Migrations.SqlServer";
}
