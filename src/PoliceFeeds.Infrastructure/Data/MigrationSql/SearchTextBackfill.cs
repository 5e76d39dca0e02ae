using Microsoft.EntityFrameworkCore.Migrations;
using PoliceFeeds.Core.Search;

namespace PoliceFeeds.Infrastructure.Data.MigrationSql;

/// <summary>
/// Fills Messages.SearchText for the rows that existed before the column. The SQL is generated from
/// <see cref="SearchNormalizer"/> itself: lower case, then one REPLACE per accented or ligature letter of Latin-1 and
/// Latin Extended-A (what French texts hold), in statements of at most 24 nested calls. Rows written later get the
/// column from <see cref="Core.Messages.Message"/>; characters outside those ranges keep their case in the backfilled
/// rows on SQLite (whose LOWER folds ASCII only) until the message is next edited.
/// </summary>
public static class SearchTextBackfill
{
    private const int ReplacesPerStatement = 24;

    public static void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in Statements(migrationBuilder.ActiveProvider))
        {
            migrationBuilder.Sql(statement);
        }
    }

    public static IReadOnlyList<string> Statements(string? provider)
    {
        var sqlServer = provider?.Contains("SqlServer", StringComparison.Ordinal) == true;
        var prefix = sqlServer ? "N'" : "'";
        var statements = new List<string> { "UPDATE Messages SET SearchText = LOWER(Text)" };
        var folds = SearchNormalizer.FoldedLatinCharacters();
        for (var start = 0; start < folds.Count; start += ReplacesPerStatement)
        {
            // A binary collation on SQL Server: each character is replaced exactly, whatever the column's collation.
            var expression = sqlServer ? "SearchText COLLATE Latin1_General_100_BIN2" : "SearchText";
            foreach (var (from, to) in folds.Skip(start).Take(ReplacesPerStatement))
            {
                expression = $"REPLACE({expression}, {prefix}{from}', {prefix}{to}')";
            }

            statements.Add($"UPDATE Messages SET SearchText = {expression}");
        }

        return statements;
    }
}
