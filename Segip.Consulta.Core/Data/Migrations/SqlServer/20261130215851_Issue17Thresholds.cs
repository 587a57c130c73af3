using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Segip.Consulta.Core.Data.Migrations.SqlServer
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
                type: "time",
                nullable: false,
                defaultValue: new TimeOnly(20, 0, 0));

            migrationBuilder.AddColumn<TimeOnly>(
                name: "WorkStart",
                table: "Institutions",
                type: "time",
                nullable: false,
                defaultValue: new TimeOnly(8, 0, 0));

            migrationBuilder.AddColumn<int>(
                name: "WorkingDays",
                table: "Institutions",
                type: "int",
                nullable: false,
                defaultValue: 31);

            migrationBuilder.CreateTable(
                name: "MisuseThresholds",
                columns: table => new
                {
                    Rule = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Values = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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
