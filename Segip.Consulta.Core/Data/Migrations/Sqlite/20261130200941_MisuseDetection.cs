using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Segip.Consulta.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MisuseDetection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DetectorPositions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LastSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DetectorPositions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MisuseAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    InstitutionId = table.Column<int>(type: "INTEGER", nullable: true),
                    EndUserCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    ClientIp = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    EvidenceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    EvidenceSequences = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    FirstRecordUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastRecordUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AssignedTo = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Conclusion = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MisuseAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProtectedPersons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProtectedPersons", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MisuseAlerts_Fingerprint",
                table: "MisuseAlerts",
                column: "Fingerprint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MisuseAlerts_InstitutionId_Day",
                table: "MisuseAlerts",
                columns: new[] { "InstitutionId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_MisuseAlerts_State_Severity",
                table: "MisuseAlerts",
                columns: new[] { "State", "Severity" });

            migrationBuilder.CreateIndex(
                name: "IX_ProtectedPersons_DocumentNumber",
                table: "ProtectedPersons",
                column: "DocumentNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DetectorPositions");

            migrationBuilder.DropTable(
                name: "MisuseAlerts");

            migrationBuilder.DropTable(
                name: "ProtectedPersons");
        }
    }
}
