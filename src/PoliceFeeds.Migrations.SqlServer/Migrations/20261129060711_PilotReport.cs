using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PoliceFeeds.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PilotReport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "MetricsRateLimitedUntilUtc",
                table: "XAccounts",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PostMetricsSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MessageId = table.Column<long>(type: "bigint", nullable: false),
                    TakenAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Impressions = table.Column<long>(type: "bigint", nullable: false),
                    Likes = table.Column<long>(type: "bigint", nullable: false),
                    Reposts = table.Column<long>(type: "bigint", nullable: false),
                    Replies = table.Column<long>(type: "bigint", nullable: false),
                    Quotes = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostMetricsSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostMetricsSnapshots_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                table: "XAccounts",
                keyColumn: "Id",
                keyValue: 1,
                column: "MetricsRateLimitedUntilUtc",
                value: null);

            migrationBuilder.UpdateData(
                table: "XAccounts",
                keyColumn: "Id",
                keyValue: 2,
                column: "MetricsRateLimitedUntilUtc",
                value: null);

            migrationBuilder.UpdateData(
                table: "XAccounts",
                keyColumn: "Id",
                keyValue: 3,
                column: "MetricsRateLimitedUntilUtc",
                value: null);

            migrationBuilder.UpdateData(
                table: "XAccounts",
                keyColumn: "Id",
                keyValue: 4,
                column: "MetricsRateLimitedUntilUtc",
                value: null);

            migrationBuilder.UpdateData(
                table: "XAccounts",
                keyColumn: "Id",
                keyValue: 5,
                column: "MetricsRateLimitedUntilUtc",
                value: null);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_CreatedAtUtc_DepartmentId_CategoryId",
                table: "Messages",
                columns: new[] { "CreatedAtUtc", "DepartmentId", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Status_LastErrorAtUtc_DepartmentId_CategoryId",
                table: "Messages",
                columns: new[] { "Status", "LastErrorAtUtc", "DepartmentId", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Status_PublishedAtUtc_DepartmentId_CategoryId",
                table: "Messages",
                columns: new[] { "Status", "PublishedAtUtc", "DepartmentId", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Status_UpdatedAtUtc_DepartmentId_CategoryId",
                table: "Messages",
                columns: new[] { "Status", "UpdatedAtUtc", "DepartmentId", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ValidatedAtUtc_DepartmentId_CategoryId",
                table: "Messages",
                columns: new[] { "ValidatedAtUtc", "DepartmentId", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_PostMetricsSnapshots_MessageId_Id",
                table: "PostMetricsSnapshots",
                columns: new[] { "MessageId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PostMetricsSnapshots_MessageId_TakenAtUtc",
                table: "PostMetricsSnapshots",
                columns: new[] { "MessageId", "TakenAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PostMetricsSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_Messages_CreatedAtUtc_DepartmentId_CategoryId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Status_LastErrorAtUtc_DepartmentId_CategoryId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Status_PublishedAtUtc_DepartmentId_CategoryId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Status_UpdatedAtUtc_DepartmentId_CategoryId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_ValidatedAtUtc_DepartmentId_CategoryId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "MetricsRateLimitedUntilUtc",
                table: "XAccounts");
        }
    }
}
