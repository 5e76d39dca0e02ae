using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Migrations.SqlServer;

/// <summary>Used by <c>dotnet ef migrations add ... --project src/PoliceFeeds.Migrations.SqlServer</c>. No server is contacted.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PoliceFeedsDbContext>
{
    public PoliceFeedsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PoliceFeedsDbContext>();
        builder.UseSqlServer("Server=(design-time);Database=PoliceFeeds;Trusted_Connection=True", o => o.MigrationsAssembly(DatabaseProviders.SqlServerMigrationsAssembly));
        return new PoliceFeedsDbContext(builder.Options);
    }
}
