using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable


namespace PoliceFeeds.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PublishingAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A rename, not a new table: every department's X account, its credentials and its deliveries carry over as
            // accounts on the X network (Network 0).
            migrationBuilder.DropForeignKey(
                name: "FK_Deliveries_XAccounts_AccountId",
                table: "Deliveries");

            migrationBuilder.DropForeignKey(
                name: "FK_XAccounts_Departments_DepartmentId",
                table: "XAccounts");

            migrationBuilder.DropIndex(
                name: "IX_XAccounts_DepartmentId",
                table: "XAccounts");

            migrationBuilder.DropIndex(
                name: "IX_XAccounts_XUserId",
                table: "XAccounts");

            migrationBuilder.RenameTable(
                name: "XAccounts",
                newName: "PublishingAccounts");

            migrationBuilder.RenameColumn(
                name: "XUserId",
                table: "PublishingAccounts",
                newName: "RemoteUserId");

            migrationBuilder.AlterColumn<string>(
                name: "Handle",
                table: "PublishingAccounts",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 50);

            migrationBuilder.AlterColumn<string>(
                name: "RemoteUserId",
                table: "PublishingAccounts",
                type: "TEXT",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 19,
                oldNullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Network",
                table: "PublishingAccounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ServerUrl",
                table: "PublishingAccounts",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublishingAccounts_DepartmentId_Network",
                table: "PublishingAccounts",
                columns: new[] { "DepartmentId", "Network" });

            migrationBuilder.CreateIndex(
                name: "IX_PublishingAccounts_Network_RemoteUserId",
                table: "PublishingAccounts",
                columns: new[] { "Network", "RemoteUserId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_PublishingAccounts_Departments_DepartmentId",
                table: "PublishingAccounts",
                column: "DepartmentId",
                principalTable: "Departments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Deliveries_PublishingAccounts_AccountId",
                table: "Deliveries",
                column: "AccountId",
                principalTable: "PublishingAccounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to one X account per department: the accounts on other networks, and their deliveries, cannot be kept.
            migrationBuilder.Sql("DELETE FROM Deliveries WHERE AccountId IN (SELECT Id FROM PublishingAccounts WHERE Network <> 0)");
            migrationBuilder.Sql("DELETE FROM PublishingAccounts WHERE Network <> 0 OR Id NOT IN (SELECT MIN(Id) FROM PublishingAccounts GROUP BY DepartmentId)");

            migrationBuilder.DropForeignKey(
                name: "FK_Deliveries_PublishingAccounts_AccountId",
                table: "Deliveries");

            migrationBuilder.DropForeignKey(
                name: "FK_PublishingAccounts_Departments_DepartmentId",
                table: "PublishingAccounts");

            migrationBuilder.DropIndex(
                name: "IX_PublishingAccounts_DepartmentId_Network",
                table: "PublishingAccounts");

            migrationBuilder.DropIndex(
                name: "IX_PublishingAccounts_Network_RemoteUserId",
                table: "PublishingAccounts");

            migrationBuilder.DropColumn(
                name: "Network",
                table: "PublishingAccounts");

            migrationBuilder.DropColumn(
                name: "ServerUrl",
                table: "PublishingAccounts");

            migrationBuilder.AlterColumn<string>(
                name: "Handle",
                table: "PublishingAccounts",
                type: "TEXT",
                maxLength: 50,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 100);

            migrationBuilder.AlterColumn<string>(
                name: "RemoteUserId",
                table: "PublishingAccounts",
                type: "TEXT",
                maxLength: 19,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.RenameColumn(
                name: "RemoteUserId",
                table: "PublishingAccounts",
                newName: "XUserId");

            migrationBuilder.RenameTable(
                name: "PublishingAccounts",
                newName: "XAccounts");

            migrationBuilder.CreateIndex(
                name: "IX_XAccounts_DepartmentId",
                table: "XAccounts",
                column: "DepartmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_XAccounts_XUserId",
                table: "XAccounts",
                column: "XUserId",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_XAccounts_Departments_DepartmentId",
                table: "XAccounts",
                column: "DepartmentId",
                principalTable: "Departments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Deliveries_XAccounts_AccountId",
                table: "Deliveries",
                column: "AccountId",
                principalTable: "XAccounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
