using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable


namespace PoliceFeeds.Migrations.SqlServer.Migrations
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

            // SQL Server keeps a renamed table's constraint names: the primary key takes the new table's name.
            migrationBuilder.Sql("EXEC sp_rename N'[PK_XAccounts]', N'PK_PublishingAccounts', N'OBJECT';");

            migrationBuilder.RenameColumn(
                name: "XUserId",
                table: "PublishingAccounts",
                newName: "RemoteUserId");

            migrationBuilder.AlterColumn<string>(
                name: "Handle",
                table: "PublishingAccounts",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(50)",
                oldMaxLength: 50);

            migrationBuilder.AlterColumn<string>(
                name: "RemoteUserId",
                table: "PublishingAccounts",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(19)",
                oldMaxLength: 19,
                oldNullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Network",
                table: "PublishingAccounts",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ServerUrl",
                table: "PublishingAccounts",
                type: "nvarchar(200)",
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
                unique: true,
                filter: "[RemoteUserId] IS NOT NULL");

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
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(100)",
                oldMaxLength: 100);

            migrationBuilder.AlterColumn<string>(
                name: "RemoteUserId",
                table: "PublishingAccounts",
                type: "nvarchar(19)",
                maxLength: 19,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.RenameColumn(
                name: "RemoteUserId",
                table: "PublishingAccounts",
                newName: "XUserId");

            migrationBuilder.Sql("EXEC sp_rename N'[PK_PublishingAccounts]', N'PK_XAccounts', N'OBJECT';");

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
                unique: true,
                filter: "[XUserId] IS NOT NULL");

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
