using Microsoft.EntityFrameworkCore.Migrations;

namespace PoliceFeeds.Infrastructure.Data.MigrationSql;

/// <summary>
/// Before the unique index on <c>XAccounts.XUserId</c>: where one X account was connected to several departments, the
/// oldest connection keeps it; the others forget the X user id and wait for a national admin to reconnect them
/// (state NeedsReconnecting), which is then refused for the same X account. Plain SQL that SQLite and SQL Server both run.
/// </summary>
public static class OneDepartmentPerXAccount
{
    public const string ReleaseDuplicates = """
        UPDATE XAccounts SET XUserId = NULL, State = 1, Version = Version + 1
        WHERE XUserId IS NOT NULL
          AND EXISTS (SELECT 1 FROM XAccounts AS older WHERE older.XUserId = XAccounts.XUserId AND older.Id < XAccounts.Id)
        """;

    public static void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ReleaseDuplicates);
}
