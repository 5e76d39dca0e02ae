using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PoliceFeeds.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryKeysAndTrainingAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AccountId",
                table: "SandboxPosts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClientKey",
                table: "Deliveries",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SandboxPosts_AccountId_CreatedAtUtc",
                table: "SandboxPosts",
                columns: new[] { "AccountId", "CreatedAtUtc" });

            // Earlier training posts go to their department's first (until now only) account.
            PoliceFeeds.Infrastructure.Data.MigrationSql.TrainingPostsPerAccount.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SandboxPosts_AccountId_CreatedAtUtc",
                table: "SandboxPosts");

            migrationBuilder.DropColumn(
                name: "AccountId",
                table: "SandboxPosts");

            migrationBuilder.DropColumn(
                name: "ClientKey",
                table: "Deliveries");
        }
    }
}
