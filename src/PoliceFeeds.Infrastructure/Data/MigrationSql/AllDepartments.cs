using System.Text;
using Microsoft.EntityFrameworkCore.Migrations;
using PoliceFeeds.Core.Departments;

namespace PoliceFeeds.Infrastructure.Data.MigrationSql;

/// <summary>
/// Every department of <see cref="DepartmentCatalog"/>, written by the migration for both providers. Departments that
/// already exist (the pilot's, and any a national admin created) are kept as they are: they only get their default shown
/// service name, and their validation policy counts as chosen (it was set when they were created). The others are added
/// <b>inactive</b>, without an X account, with the default settings, until a national admin prepares and activates them.
/// Plain SQL that SQLite and SQL Server both run (ids left to the database: an installation may already use any).
/// </summary>
public static class AllDepartments
{
    public static void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(Script(migrationBuilder.ActiveProvider?.Contains("SqlServer", StringComparison.Ordinal) == true));

    /// <summary>The statements, one per line; <paramref name="unicodeLiterals"/> prefixes text with N (SQL Server's nvarchar).</summary>
    public static string Script(bool unicodeLiterals)
    {
        string Text(string value) => (unicodeLiterals ? "N'" : "'") + value.Replace("'", "''", StringComparison.Ordinal) + "'";
        var sql = new StringBuilder();
        sql.AppendLine("UPDATE Departments SET ValidationPolicyChosen = 1;");
        foreach (var d in DepartmentCatalog.All)
        {
            var serviceName = Text(DepartmentCatalog.DefaultServiceName(d.Code));
            sql.AppendLine($"UPDATE Departments SET ServiceName = {serviceName} WHERE Code = {Text(d.Code)} AND ServiceName = '';");
            sql.AppendLine(
                "INSERT INTO Departments (Code, Name, TimeZoneId, ServiceName, IsActive, PublishingPaused, RequiresValidation, ValidationPolicyChosen, "
                + "DeviationEndAction, DeviationEndTemplate, FoundThanksTemplate, RedactFoundAppealsAfterDays, FlagOpenAppealsAfterDays, ReplyFallback) "
                + $"SELECT {Text(d.Code)}, {Text(d.Name)}, {Text(d.TimeZoneId)}, {serviceName}, 0, 0, 0, 0, "
                + $"{(int)DeviationEndAction.Reply}, {Text(TimeBoundDefaults.DeviationEndTemplate)}, {Text(TimeBoundDefaults.FoundThanksTemplate)}, "
                + $"{TimeBoundDefaults.RedactFoundAppealsAfterDays}, {TimeBoundDefaults.FlagOpenAppealsAfterDays}, {(int)Core.Publishing.ReplyFallback.QuotePost} "
                + $"WHERE NOT EXISTS (SELECT 1 FROM Departments WHERE Code = {Text(d.Code)});");
        }

        // Any department outside the list (none should be) still gets a name to show.
        sql.AppendLine($"UPDATE Departments SET ServiceName = {Text("Police nationale")} WHERE ServiceName = '';");
        return sql.ToString();
    }
}
