using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PoliceFeeds.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EveryDepartmentListed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ServiceName",
                table: "Departments",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "ValidationPolicyChosen",
                table: "Departments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.UpdateData(
                table: "Departments",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "ServiceName", "ValidationPolicyChosen" },
                values: new object[] { "Police nationale 44", true });

            migrationBuilder.UpdateData(
                table: "Departments",
                keyColumn: "Id",
                keyValue: 2,
                columns: new[] { "ServiceName", "ValidationPolicyChosen" },
                values: new object[] { "Police nationale 35", true });

            migrationBuilder.UpdateData(
                table: "Departments",
                keyColumn: "Id",
                keyValue: 3,
                columns: new[] { "ServiceName", "ValidationPolicyChosen" },
                values: new object[] { "Police nationale 62", true });

            migrationBuilder.UpdateData(
                table: "Departments",
                keyColumn: "Id",
                keyValue: 4,
                columns: new[] { "ServiceName", "ValidationPolicyChosen" },
                values: new object[] { "Police nationale 67", true });

            migrationBuilder.UpdateData(
                table: "Departments",
                keyColumn: "Id",
                keyValue: 5,
                columns: new[] { "ServiceName", "ValidationPolicyChosen" },
                values: new object[] { "Police nationale 06", true });

            // Every listed department that is not there yet, inactive (provider-neutral SQL).
            PoliceFeeds.Infrastructure.Data.MigrationSql.AllDepartments.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ServiceName",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "ValidationPolicyChosen",
                table: "Departments");
        }
    }
}
