using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PoliceFeeds.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class HardeningFourEyesAndXUserId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TextEditorIds",
                table: "Messages",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            PoliceFeeds.Infrastructure.Data.MigrationSql.OneDepartmentPerXAccount.Up(migrationBuilder);

            migrationBuilder.CreateIndex(
                name: "IX_XAccounts_XUserId",
                table: "XAccounts",
                column: "XUserId",
                unique: true,
                filter: "[XUserId] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_XAccounts_XUserId",
                table: "XAccounts");

            migrationBuilder.DropColumn(
                name: "TextEditorIds",
                table: "Messages");
        }
    }
}
