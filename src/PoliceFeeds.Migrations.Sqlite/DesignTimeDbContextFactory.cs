using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Migrations.Sqlite;

/// <summary>Used by <c>dotnet ef migrations add ... --project src/PoliceFeeds.Migrations.Sqlite</c>.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PoliceFeedsDbContext>
{
    public PoliceFeedsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PoliceFeedsDbContext>();
        builder.UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(DatabaseProviders.SqliteMigrationsAssembly));
        return new PoliceFeedsDbContext(builder.Options);
    }
}
