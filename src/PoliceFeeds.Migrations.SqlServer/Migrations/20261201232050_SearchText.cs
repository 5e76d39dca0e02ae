using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PoliceFeeds.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_DepartmentId_Id",
                table: "Messages");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Messages",
                type: "nvarchar(max)",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            PoliceFeeds.Infrastructure.Data.MigrationSql.SearchTextBackfill.Up(migrationBuilder);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_DepartmentId_Id",
                table: "Messages",
                columns: new[] { "DepartmentId", "Id" })
                .Annotation("SqlServer:Include", new[] { "SearchText" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_DepartmentId_Id",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_DepartmentId_Id",
                table: "Messages",
                columns: new[] { "DepartmentId", "Id" });
        }
    }
}
