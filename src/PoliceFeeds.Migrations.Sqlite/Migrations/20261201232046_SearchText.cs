using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PoliceFeeds.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Messages",
                type: "TEXT",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            PoliceFeeds.Infrastructure.Data.MigrationSql.SearchTextBackfill.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Messages");
        }
    }
}
