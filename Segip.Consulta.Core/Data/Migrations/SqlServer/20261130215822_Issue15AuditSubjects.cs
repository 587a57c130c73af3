using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Segip.Consulta.Core.Data.Migrations.SqlServer
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
                type: "varbinary(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DocumentComplement",
                table: "AuditRecords",
                type: "nvarchar(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DocumentType",
                table: "AuditRecords",
                type: "nvarchar(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HashVersion",
                table: "AuditRecords",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "AuditSubjects",
                columns: table => new
                {
                    AuditSequence = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false)
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
