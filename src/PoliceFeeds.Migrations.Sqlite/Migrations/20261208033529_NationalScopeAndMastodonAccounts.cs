using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PoliceFeeds.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NationalScopeAndMastodonAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CharactersPerUrl",
                table: "PublishingAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaxAltTextLength",
                table: "PublishingAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaxTextLength",
                table: "PublishingAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DeliveryId",
                table: "PostMetricsSnapshots",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsNational",
                table: "Departments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            PoliceFeeds.Infrastructure.Data.MigrationSql.SnapshotsPerDelivery.Up(migrationBuilder);
            PoliceFeeds.Infrastructure.Data.MigrationSql.NationalScope.Up(migrationBuilder);

            migrationBuilder.CreateTable(
                name: "MastodonInstanceApps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InstanceUrl = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RedirectUri = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ProtectedClient = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MastodonInstanceApps", x => x.Id);
                });

            migrationBuilder.UpdateData(
                table: "Departments",
                keyColumn: "Id",
                keyValue: 1,
                column: "IsNational",
                value: false);

            migrationBuilder.UpdateData(
                table: "Departments",
                keyColumn: "Id",
                keyValue: 2,
                column: "IsNational",
                value: false);

            migrationBuilder.UpdateData(
                table: "Departments",
                keyColumn: "Id",
                keyValue: 3,
                column: "IsNational",
                value: false);

            migrationBuilder.UpdateData(
                table: "Departments",
                keyColumn: "Id",
                keyValue: 4,
                column: "IsNational",
                value: false);

            migrationBuilder.UpdateData(
                table: "Departments",
                keyColumn: "Id",
                keyValue: 5,
                column: "IsNational",
                value: false);

            migrationBuilder.UpdateData(
                table: "PublishingAccounts",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "CharactersPerUrl", "MaxAltTextLength", "MaxTextLength" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "PublishingAccounts",
                keyColumn: "Id",
                keyValue: 2,
                columns: new[] { "CharactersPerUrl", "MaxAltTextLength", "MaxTextLength" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "PublishingAccounts",
                keyColumn: "Id",
                keyValue: 3,
                columns: new[] { "CharactersPerUrl", "MaxAltTextLength", "MaxTextLength" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "PublishingAccounts",
                keyColumn: "Id",
                keyValue: 4,
                columns: new[] { "CharactersPerUrl", "MaxAltTextLength", "MaxTextLength" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "PublishingAccounts",
                keyColumn: "Id",
                keyValue: 5,
                columns: new[] { "CharactersPerUrl", "MaxAltTextLength", "MaxTextLength" },
                values: new object[] { null, null, null });

            migrationBuilder.CreateIndex(
                name: "IX_PostMetricsSnapshots_DeliveryId_Id",
                table: "PostMetricsSnapshots",
                columns: new[] { "DeliveryId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_MastodonInstanceApps_InstanceUrl_RedirectUri",
                table: "MastodonInstanceApps",
                columns: new[] { "InstanceUrl", "RedirectUri" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MastodonInstanceApps");

            migrationBuilder.DropIndex(
                name: "IX_PostMetricsSnapshots_DeliveryId_Id",
                table: "PostMetricsSnapshots");

            migrationBuilder.DropColumn(
                name: "CharactersPerUrl",
                table: "PublishingAccounts");

            migrationBuilder.DropColumn(
                name: "MaxAltTextLength",
                table: "PublishingAccounts");

            migrationBuilder.DropColumn(
                name: "MaxTextLength",
                table: "PublishingAccounts");

            migrationBuilder.DropColumn(
                name: "DeliveryId",
                table: "PostMetricsSnapshots");

            migrationBuilder.DropColumn(
                name: "IsNational",
                table: "Departments");
        }
    }
}
