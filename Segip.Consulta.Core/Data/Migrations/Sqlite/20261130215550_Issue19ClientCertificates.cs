using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Segip.Consulta.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue19ClientCertificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClientCertificatePin",
                table: "Credentials",
                type: "TEXT",
                maxLength: 80,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClientCertificatePin",
                table: "Credentials");
        }
    }
}
