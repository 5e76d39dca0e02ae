using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PoliceFeeds.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TimeBoundMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EndedAtUtc",
                table: "Messages",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FollowUpKind",
                table: "Messages",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "FoundAtUtc",
                table: "Messages",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FoundById",
                table: "Messages",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RedactAtUtc",
                table: "Messages",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RedactedAtUtc",
                table: "Messages",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAtUtc",
                table: "Messages",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DeviationEndAction",
                table: "Departments",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "DeviationEndTemplate",
                table: "Departments",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: Core.Departments.TimeBoundDefaults.DeviationEndTemplate);

            migrationBuilder.AddColumn<int>(
                name: "FlagOpenAppealsAfterDays",
                table: "Departments",
                type: "int",
                nullable: false,
                defaultValue: Core.Departments.TimeBoundDefaults.FlagOpenAppealsAfterDays);

            migrationBuilder.AddColumn<string>(
                name: "FoundThanksTemplate",
                table: "Departments",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: Core.Departments.TimeBoundDefaults.FoundThanksTemplate);

            migrationBuilder.AddColumn<int>(
                name: "RedactFoundAppealsAfterDays",
                table: "Departments",
                type: "int",
                nullable: false,
                defaultValue: Core.Departments.TimeBoundDefaults.RedactFoundAppealsAfterDays);

            migrationBuilder.UpdateData(
                table: "Departments",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "DeviationEndAction", "DeviationEndTemplate", "FlagOpenAppealsAfterDays", "FoundThanksTemplate", "RedactFoundAppealsAfterDays" },
                values: new object[] { 0, "Fin de la déviation ({date} à {heure}) : la circulation est rétablie. Merci de votre patience et de votre prudence.", 7, "La personne qui faisait l'objet de notre appel à témoins a été retrouvée. Merci à toutes et à tous pour vos partages et vos signalements.", 30 });

            migrationBuilder.UpdateData(
                table: "Departments",
                keyColumn: "Id",
                keyValue: 2,
                columns: new[] { "DeviationEndAction", "DeviationEndTemplate", "FlagOpenAppealsAfterDays", "FoundThanksTemplate", "RedactFoundAppealsAfterDays" },
                values: new object[] { 0, "Fin de la déviation ({date} à {heure}) : la circulation est rétablie. Merci de votre patience et de votre prudence.", 7, "La personne qui faisait l'objet de notre appel à témoins a été retrouvée. Merci à toutes et à tous pour vos partages et vos signalements.", 30 });

            migrationBuilder.UpdateData(
                table: "Departments",
                keyColumn: "Id",
                keyValue: 3,
                columns: new[] { "DeviationEndAction", "DeviationEndTemplate", "FlagOpenAppealsAfterDays", "FoundThanksTemplate", "RedactFoundAppealsAfterDays" },
                values: new object[] { 0, "Fin de la déviation ({date} à {heure}) : la circulation est rétablie. Merci de votre patience et de votre prudence.", 7, "La personne qui faisait l'objet de notre appel à témoins a été retrouvée. Merci à toutes et à tous pour vos partages et vos signalements.", 30 });

            migrationBuilder.UpdateData(
                table: "Departments",
                keyColumn: "Id",
                keyValue: 4,
                columns: new[] { "DeviationEndAction", "DeviationEndTemplate", "FlagOpenAppealsAfterDays", "FoundThanksTemplate", "RedactFoundAppealsAfterDays" },
                values: new object[] { 0, "Fin de la déviation ({date} à {heure}) : la circulation est rétablie. Merci de votre patience et de votre prudence.", 7, "La personne qui faisait l'objet de notre appel à témoins a été retrouvée. Merci à toutes et à tous pour vos partages et vos signalements.", 30 });

            migrationBuilder.UpdateData(
                table: "Departments",
                keyColumn: "Id",
                keyValue: 5,
                columns: new[] { "DeviationEndAction", "DeviationEndTemplate", "FlagOpenAppealsAfterDays", "FoundThanksTemplate", "RedactFoundAppealsAfterDays" },
                values: new object[] { 0, "Fin de la déviation ({date} à {heure}) : la circulation est rétablie. Merci de votre patience et de votre prudence.", 7, "La personne qui faisait l'objet de notre appel à témoins a été retrouvée. Merci à toutes et à tous pour vos partages et vos signalements.", 30 });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_EndsAtUtc",
                table: "Messages",
                column: "EndsAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_RedactAtUtc",
                table: "Messages",
                column: "RedactAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_EndsAtUtc",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_RedactAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "EndedAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "FollowUpKind",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "FoundAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "FoundById",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "RedactAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "RedactedAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "WithdrawnAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "DeviationEndAction",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "DeviationEndTemplate",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "FlagOpenAppealsAfterDays",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "FoundThanksTemplate",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "RedactFoundAppealsAfterDays",
                table: "Departments");
        }
    }
}
