using Microsoft.EntityFrameworkCore.Migrations;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Departments;

namespace PoliceFeeds.Infrastructure.Data.MigrationSql;

/// <summary>
/// The national scope, written by the migration for both providers: a department row flagged national (code
/// <see cref="Department.NationalCode"/>), active, every message validated by a second person, with the national X
/// account on the training timeline until a national admin connects it (as the pilot departments' accounts start).
/// Kept as it is where it already exists. Plain SQL that SQLite and SQL Server both run (ids left to the database).
/// </summary>
public static class NationalScope
{
    public const string Handle = "pnationale";

    public static void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(Script(migrationBuilder.ActiveProvider?.Contains("SqlServer", StringComparison.Ordinal) == true));

    /// <summary>The statements; <paramref name="unicodeLiterals"/> prefixes text with N (SQL Server's nvarchar).</summary>
    public static string Script(bool unicodeLiterals)
    {
        string Text(string value) => (unicodeLiterals ? "N'" : "'") + value.Replace("'", "''", StringComparison.Ordinal) + "'";
        var code = Text(Department.NationalCode);
        return
            "INSERT INTO Departments (Code, Name, TimeZoneId, ServiceName, IsActive, IsNational, PublishingPaused, RequiresValidation, ValidationPolicyChosen, "
            + "DeviationEndAction, DeviationEndTemplate, FoundThanksTemplate, RedactFoundAppealsAfterDays, FlagOpenAppealsAfterDays, ReplyFallback) "
            + $"SELECT {code}, {Text("Niveau national")}, {Text("Europe/Paris")}, {Text("Police nationale")}, 1, 1, 0, 1, 1, "
            + $"{(int)DeviationEndAction.Reply}, {Text(TimeBoundDefaults.DeviationEndTemplate)}, {Text(TimeBoundDefaults.FoundThanksTemplate)}, "
            + $"{TimeBoundDefaults.RedactFoundAppealsAfterDays}, {TimeBoundDefaults.FlagOpenAppealsAfterDays}, {(int)Core.Publishing.ReplyFallback.QuotePost} "
            + $"WHERE NOT EXISTS (SELECT 1 FROM Departments WHERE Code = {code});\n"
            + "INSERT INTO PublishingAccounts (DepartmentId, Network, Handle, AuthKind, Mode, State, Version) "
            + $"SELECT d.Id, {(int)Core.Publishing.PublishingNetwork.X}, {Text(Handle)}, {(int)AccountAuthKind.None}, {(int)AccountMode.Sandbox}, {(int)AccountState.Connected}, 0 "
            + $"FROM Departments d WHERE d.Code = {code} AND NOT EXISTS (SELECT 1 FROM PublishingAccounts a WHERE a.DepartmentId = d.Id);\n";
    }
}
