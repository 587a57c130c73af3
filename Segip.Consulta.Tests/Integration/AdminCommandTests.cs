using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class AdminCommandTests : IAsyncLifetime
{
    /// <summary>The database the commands run on; <see cref="ProviderMatrix"/> repeats them on PostgreSQL.</summary>
    protected virtual Engine Engine => Engine.Sqlite;
    private ProcessDatabase database = default!;
    private string folder => database.Folder;

    public async ValueTask InitializeAsync() => database = await ProcessDatabase.CreateAsync(Engine);

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private Dictionary<string, string> Development => new(database.Environment)
    {
        ["Seed__Demo"] = "false",
    };

    [Fact]
    public async Task Migrate_then_create_admin_then_verify_audit_as_an_operator_would()
    {
        var migrate = await AppProcess.RunAsync(Development, null, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Errors);
        Assert.Contains("Migraciones aplicadas", migrate.Output);

        var created = await AppProcess.RunAsync(Development, "Clave-Segura-2026!", "create-admin", "--email", "ti@segip.gob.bo");
        Assert.True(created.ExitCode == 0, created.Errors);
        Assert.Contains("ti@segip.gob.bo", created.Output);

        var again = await AppProcess.RunAsync(Development, "Clave-Segura-2026!", "create-admin", "--email", "ti@segip.gob.bo");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("Ya existe una cuenta con el correo ti@segip.gob.bo.", again.Errors);

        var weak = await AppProcess.RunAsync(Development, "corta", "create-admin", "--email", "otro@segip.gob.bo");
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("La contraseña debe tener al menos 10 caracteres.", weak.Errors);

        await AppendRecordsAsync(3);
        var intact = await AppProcess.RunAsync(Development, null, "verify-audit");
        Assert.True(intact.ExitCode == 0, intact.Errors);
        Assert.Contains("Cadena íntegra: 3 registros verificados;", intact.Output);

        var signed = await AppProcess.RunAsync(Development, null, "checkpoint-audit");
        Assert.True(signed.ExitCode == 0, signed.Errors);
        Assert.Contains("Punto de control firmado en la secuencia 3.", signed.Output);

        await using (var db = database.CreateContext())
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditRecords\" SET \"EndUserCode\" = 'OTRO' WHERE \"Sequence\" = 2");
        var tampered = await AppProcess.RunAsync(Development, null, "verify-audit");
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("Primer registro alterado: 2", tampered.Output);
        Assert.Contains("Puntos de control firmados verificados: 0", tampered.Output);
    }

    [Fact]
    public async Task Generate_then_import_registry_reports_progress_and_totals()
    {
        var csv = Path.Combine(folder, "registro.csv");
        var generated = await AppProcess.RunAsync(Development, null, "generate-registry", "--persons", "500", "--out", csv);
        Assert.True(generated.ExitCode == 0, generated.Errors);
        Assert.Contains("500 personas", generated.Output);

        var imported = await AppProcess.RunAsync(Development, null, "import-registry", csv);
        Assert.True(imported.ExitCode == 0, imported.Errors);
        Assert.Contains("filas/s", imported.Errors);
        Assert.Contains("0 rechazadas", imported.Output);

        var missing = await AppProcess.RunAsync(Development, null, "import-registry", Path.Combine(folder, "no-existe.csv"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No existe el archivo", missing.Errors);
    }

    [Fact]
    public async Task Create_admin_without_email_explains_its_usage()
    {
        var result = await AppProcess.RunAsync(Development, null, "create-admin");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Uso: create-admin --email CORREO", result.Errors);
    }

    [Fact]
    public async Task Production_refuses_to_start_with_demo_data_or_missing_settings()
    {
        var result = await AppProcess.RunAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Seed__Demo"] = "true",
        }, null, "migrate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("La configuración no es válida para Production", result.Errors);
        Assert.Contains("Seed:Demo está activado", result.Errors);
        Assert.Contains("Falta ConnectionStrings:Consulta.", result.Errors);
        Assert.Contains("Falta Signing:CertificatePath", result.Errors);
        Assert.Contains("Falta PublicBaseUrl", result.Errors);
        Assert.Contains("Falta DataProtection:CertificatePath", result.Errors);
        Assert.DoesNotContain("   at ", result.Errors);
    }

    private async Task AppendRecordsAsync(int count)
    {
        var provider = Engine == Engine.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var settings = new DatabaseSettings { Provider = provider, ConnectionString = database.ConnectionString, DataFolder = folder };
        await using var log = new AuditLog(settings, TimeProvider.System, NullLogger<AuditLog>.Instance);
        for (var i = 0; i < count; i++)
            await log.AppendAsync(new AuditEntry { Channel = Channel.Web, QueryType = QueryType.Document, SearchKeys = $"CI {i}", Result = QueryResult.NotFound });
    }
}
