using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Segip.Consulta.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue15AuditSubjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "AnswerSha256",
                table: "AuditRecords",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DocumentComplement",
                table: "AuditRecords",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DocumentType",
                table: "AuditRecords",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HashVersion",
                table: "AuditRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "AuditSubjects",
                columns: table => new
                {
                    AuditSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditSubjects", x => new { x.AuditSequence, x.PersonId });
                    table.ForeignKey(
                        name: "FK_AuditSubjects_AuditRecords_AuditSequence",
                        column: x => x.AuditSequence,
                        principalTable: "AuditRecords",
                        principalColumn: "Sequence",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditSubjects_PersonId_AuditSequence",
                table: "AuditSubjects",
                columns: new[] { "PersonId", "AuditSequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditSubjects");

            migrationBuilder.DropColumn(
                name: "AnswerSha256",
                table: "AuditRecords");

            migrationBuilder.DropColumn(
                name: "DocumentComplement",
                table: "AuditRecords");

            migrationBuilder.DropColumn(
                name: "DocumentType",
                table: "AuditRecords");

            migrationBuilder.DropColumn(
                name: "HashVersion",
                table: "AuditRecords");
        }
    }
}
