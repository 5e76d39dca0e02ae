using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PoliceFeeds.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class OfficerFeatures : Migration
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

            migrationBuilder.CreateTable(
                name: "MessageTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DepartmentId = table.Column<int>(type: "int", nullable: true),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    CategoryId = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Hashtags = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    UpdatedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessageTemplates_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MessageTemplates_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_DepartmentId_Id",
                table: "Messages",
                columns: new[] { "DepartmentId", "Id" })
                .Annotation("SqlServer:Include", new[] { "SearchText" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_CategoryId",
                table: "MessageTemplates",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_DepartmentId_Name",
                table: "MessageTemplates",
                columns: new[] { "DepartmentId", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MessageTemplates");

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
