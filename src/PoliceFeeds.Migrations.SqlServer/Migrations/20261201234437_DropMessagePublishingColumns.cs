using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PoliceFeeds.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class DropMessagePublishingColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_Status_LastErrorAtUtc_DepartmentId_CategoryId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Status_LeaseExpiresAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "AttemptStartedAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "LastErrorAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "LeaseToken",
                table: "Messages");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AttemptStartedAtUtc",
                table: "Messages",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "Messages",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "Messages",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastErrorAtUtc",
                table: "Messages",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseExpiresAtUtc",
                table: "Messages",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "Messages",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LeaseToken",
                table: "Messages",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Status_LastErrorAtUtc_DepartmentId_CategoryId",
                table: "Messages",
                columns: new[] { "Status", "LastErrorAtUtc", "DepartmentId", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Status_LeaseExpiresAtUtc",
                table: "Messages",
                columns: new[] { "Status", "LeaseExpiresAtUtc" });

            PoliceFeeds.Infrastructure.Data.MigrationSql.DeliveriesFromMessages.Down(migrationBuilder);
        }
    }
}
