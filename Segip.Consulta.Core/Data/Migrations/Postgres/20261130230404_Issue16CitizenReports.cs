using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Segip.Consulta.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Issue16CitizenReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CitizenReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    VerificationCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    IssuedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    MaskedName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Filters = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    QueryCount = table.Column<int>(type: "integer", nullable: false),
                    ContentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PdfSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CitizenReports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CitizenReports_Number",
                table: "CitizenReports",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CitizenReports_PersonId",
                table: "CitizenReports",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CitizenReports_VerificationCode",
                table: "CitizenReports",
                column: "VerificationCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CitizenReports");
        }
    }
}
