using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Segip.Consulta.Core.Data.Migrations.Postgres
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
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DetectorPositions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MisuseAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Fingerprint = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Rule = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Severity = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    State = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    InstitutionId = table.Column<int>(type: "integer", nullable: true),
                    EndUserCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DocumentNumber = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    ClientIp = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Explanation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    EvidenceCount = table.Column<int>(type: "integer", nullable: false),
                    EvidenceSequences = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    FirstRecordUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastRecordUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AssignedTo = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Conclusion = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ClosedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MisuseAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProtectedPersons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DocumentNumber = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
