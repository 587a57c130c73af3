using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Segip.Consulta.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Issue17Thresholds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<TimeOnly>(
                name: "WorkEnd",
                table: "Institutions",
                type: "time without time zone",
                nullable: false,
                defaultValue: new TimeOnly(20, 0, 0));

            migrationBuilder.AddColumn<TimeOnly>(
                name: "WorkStart",
                table: "Institutions",
                type: "time without time zone",
                nullable: false,
                defaultValue: new TimeOnly(8, 0, 0));

            migrationBuilder.AddColumn<int>(
                name: "WorkingDays",
                table: "Institutions",
                type: "integer",
                nullable: false,
                defaultValue: 31);

            migrationBuilder.CreateTable(
                name: "MisuseThresholds",
                columns: table => new
                {
                    Rule = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Values = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MisuseThresholds", x => x.Rule);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MisuseThresholds");

            migrationBuilder.DropColumn(
                name: "WorkEnd",
                table: "Institutions");

            migrationBuilder.DropColumn(
                name: "WorkStart",
                table: "Institutions");

            migrationBuilder.DropColumn(
                name: "WorkingDays",
                table: "Institutions");
        }
    }
}
