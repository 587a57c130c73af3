using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Segip.Consulta.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue16Citizens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsReserved",
                table: "Agreements",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ReservedBasis",
                table: "Agreements",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DisputeCases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    AuditSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    InstitutionId = table.Column<int>(type: "INTEGER", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AssignedTo = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AnswerDueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    InstitutionAnswer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    InstitutionAnsweredUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ResolvedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisputeCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisputeCases_AuditRecords_AuditSequence",
                        column: x => x.AuditSequence,
                        principalTable: "AuditRecords",
                        principalColumn: "Sequence",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DisputeCases_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DisputeCases_AuditSequence",
                table: "DisputeCases",
                column: "AuditSequence");

            migrationBuilder.CreateIndex(
                name: "IX_DisputeCases_InstitutionId_State",
                table: "DisputeCases",
                columns: new[] { "InstitutionId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_DisputeCases_PersonId_CreatedUtc",
                table: "DisputeCases",
                columns: new[] { "PersonId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DisputeCases_State_AnswerDueOn",
                table: "DisputeCases",
                columns: new[] { "State", "AnswerDueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DisputeCases");

            migrationBuilder.DropColumn(
                name: "IsReserved",
                table: "Agreements");

            migrationBuilder.DropColumn(
                name: "ReservedBasis",
                table: "Agreements");
        }
    }
}
