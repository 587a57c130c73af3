using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Segip.Consulta.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Issue20AuditIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditRecords_AgreementId_TimestampUtc",
                table: "AuditRecords");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_AgreementId_TimestampUtc",
                table: "AuditRecords",
                columns: new[] { "AgreementId", "TimestampUtc" });
        }
    }
}
