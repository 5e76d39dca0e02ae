using Microsoft.EntityFrameworkCore.Migrations;

namespace PoliceFeeds.Infrastructure.Data.MigrationSql;

/// <summary>
/// When training timelines became per account: each earlier training post goes to its department's first account (a
/// department had exactly one until then). Plain SQL that SQLite and SQL Server both run.
/// </summary>
public static class TrainingPostsPerAccount
{
    public const string Backfill = """
        UPDATE SandboxPosts SET AccountId = (SELECT MIN(a.Id) FROM PublishingAccounts a WHERE a.DepartmentId = SandboxPosts.DepartmentId)
        WHERE AccountId IS NULL
        """;

    public static void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Backfill);
}
