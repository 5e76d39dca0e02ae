using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PoliceFeeds.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class XAccountRefreshLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "RefreshLeaseExpiresAtUtc",
                table: "XAccounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefreshLeaseOwner",
                table: "XAccounts",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RefreshLeaseToken",
                table: "XAccounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.UpdateData(
                table: "XAccounts",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "RefreshLeaseExpiresAtUtc", "RefreshLeaseOwner", "RefreshLeaseToken" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "XAccounts",
                keyColumn: "Id",
                keyValue: 2,
                columns: new[] { "RefreshLeaseExpiresAtUtc", "RefreshLeaseOwner", "RefreshLeaseToken" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "XAccounts",
                keyColumn: "Id",
                keyValue: 3,
                columns: new[] { "RefreshLeaseExpiresAtUtc", "RefreshLeaseOwner", "RefreshLeaseToken" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "XAccounts",
                keyColumn: "Id",
                keyValue: 4,
                columns: new[] { "RefreshLeaseExpiresAtUtc", "RefreshLeaseOwner", "RefreshLeaseToken" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "XAccounts",
                keyColumn: "Id",
                keyValue: 5,
                columns: new[] { "RefreshLeaseExpiresAtUtc", "RefreshLeaseOwner", "RefreshLeaseToken" },
                values: new object[] { null, null, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RefreshLeaseExpiresAtUtc",
                table: "XAccounts");

            migrationBuilder.DropColumn(
                name: "RefreshLeaseOwner",
                table: "XAccounts");

            migrationBuilder.DropColumn(
                name: "RefreshLeaseToken",
                table: "XAccounts");
        }
    }
}
