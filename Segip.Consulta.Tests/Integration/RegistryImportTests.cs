using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Registry;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class RegistryImportTests : IAsyncLifetime
{
    /// <summary>The database the tests run on; <see cref="ProviderMatrix"/> repeats them on PostgreSQL.</summary>
    protected virtual Engine Engine => Engine.Sqlite;

    private CoreHost host = default!;
    private string Csv => Path.Combine(host.Folder, "registro.csv");

    public async ValueTask InitializeAsync() => host = await CoreHost.CreateAsync(demo: false, engine: Engine);
    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private async Task<ImportResult> ImportAsync() => await host.Get<RegistryImporter>().ImportAsync(Csv);

    [Fact]
    public async Task Generated_file_imports_completely_and_a_second_run_changes_nothing()
    {
        var persons = RegistryGenerator.Generate(300).ToList();
        var rows = await RegistryCsvWriter.WriteAsync(persons, Csv);

        var first = await ImportAsync();
        Assert.Null(first.FatalError);
        Assert.Equal(rows, first.Imported);
        Assert.Equal(0, first.Rejected);

        var second = await ImportAsync();
        Assert.Equal(rows, second.Imported);

        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.Equal(300, await db.Persons.CountAsync());
        Assert.Equal(rows, await db.IdentityDocuments.CountAsync());
        var sample = persons[123];
        var stored = await db.Persons.Include(p => p.Documents).SingleAsync(p => p.Id == sample.Id);
        Assert.Equal(sample.FirstNames, stored.FirstNames);
        Assert.Equal(sample.Address, stored.Address);
        Assert.Equal(sample.BirthDate, stored.BirthDate);
        Assert.Equal(sample.Documents.Count, stored.Documents.Count);
    }

    [Fact]
    public async Task Rerunning_with_changed_values_updates_in_place()
    {
        var persons = RegistryGenerator.Generate(5).ToList();
        await RegistryCsvWriter.WriteAsync(persons, Csv);
        await ImportAsync();

        persons[2].Address = "CALLE NUEVA N° 1, SUCRE";
        persons[2].Documents[0].Status = DocumentStatus.Blocked;
        await RegistryCsvWriter.WriteAsync(persons, Csv);
        var result = await ImportAsync();

        Assert.Equal(0, result.Rejected);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.Equal(5, await db.Persons.CountAsync());
        Assert.Equal("CALLE NUEVA N° 1, SUCRE", await db.Persons.Where(p => p.Id == persons[2].Id).Select(p => p.Address).SingleAsync());
        Assert.Equal(DocumentStatus.Blocked, await db.IdentityDocuments.Where(d => d.Id == persons[2].Documents[0].Id).Select(d => d.Status).SingleAsync());
    }

    [Fact]
    public async Task A_quoted_field_holding_a_line_break_is_one_field_as_rfc_4180_and_generate_registry_write_it()
    {
        const string multiline = "10,JUAN,PÉREZ,MAMANI,,1985-03-14,M,BOLIVIANA,LA PAZ,SOLTERO,INGENIERO,\"CALLE 1\r\nZONA SUR, LA PAZ\",,,N,,20,CI,555111,,LP,2015-06-01,2025-06-01,VIGENTE,";
        const string next = "11,ANA,ROJAS,,,1990-03-14,F,BOLIVIANA,,,,,,,N,,21,CI,555112,,LP,2015-06-01,,VIGENTE,";
        await File.WriteAllTextAsync(Csv, RegistryCsvFormat.Header + "\r\n" + multiline + "\r\n" + next + "\r\n");

        var result = await ImportAsync();

        Assert.Equal((2L, 2L, 0L), (result.Rows, result.Imported, result.Rejected));
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.Equal("CALLE 1\r\nZONA SUR, LA PAZ", (await db.Persons.SingleAsync(p => p.Id == 10)).Address);
        Assert.Equal("ROJAS", (await db.Persons.SingleAsync(p => p.Id == 11)).FirstSurname);
    }

    [Fact]
    public async Task Invalid_rows_are_reported_with_their_reason_and_the_rest_imported()
    {
        const string good = "10,JUAN,PÉREZ,MAMANI,,1985-03-14,M,BOLIVIANA,LA PAZ,SOLTERO,INGENIERO,\"CALLE 1, LA PAZ\",,,N,,20,CI,555111,,LP,2015-06-01,2025-06-01,VIGENTE,";
        string[] bad =
        [
            "11,ANA,ROJAS,,,14/03/1990,F,BOLIVIANA,,,,,,,N,,21,CI,555112,,LP,2015-06-01,,VIGENTE,",
            "12,ANA,ROJAS,,,1990-03-14,F,BOLIVIANA,,,,,,,N,,22,CI,55A112,,LP,2015-06-01,,VIGENTE,",
            "13,ANA,ROJAS,,,1990-03-14,F,BOLIVIANA,,,,,,,N,,23,PASAPORTE,555113,,LP,2015-06-01,,VIGENTE,",
            "14,ANA,ROJAS,,,1990-03-14,F,BOLIVIANA,,,,,,,N,,24,LIC,555114,,LP,2015-06-01,,VIGENTE,",
            "15,ANA,ROJAS",
        ];
        await File.WriteAllLinesAsync(Csv, [RegistryCsvFormat.Header, good, .. bad]);

        var result = await ImportAsync();

        Assert.Equal(6, result.Rows);
        Assert.Equal(1, result.Imported);
        Assert.Equal(5, result.Rejected);
        var report = await File.ReadAllTextAsync(result.RejectReportPath!);
        Assert.Contains("fechaNacimiento es obligatoria con formato aaaa-mm-dd.", report);
        Assert.Contains("numeroDocumento debe tener de 1 a 10 dígitos.", report);
        Assert.Contains("tipoDocumento debe ser CI, CIE, LIC o LICE.", report);
        Assert.Contains("categoriaLicencia debe ser A, B, C, P, M o T para licencias.", report);
        Assert.Contains("La fila tiene 3 columnas; se esperaban 25.", report);
        Assert.Contains("55A112", report);

        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var juan = await db.Persons.SingleAsync();
        Assert.Equal("CALLE 1, LA PAZ", juan.Address);
        Assert.Equal("PEREZ JUAN", juan.SearchName);
    }

    [Fact]
    public async Task A_first_load_rebuilds_the_indexes_it_set_aside_and_leaves_the_database_in_wal()
    {
        var before = await IndexesAsync();
        await RegistryCsvWriter.WriteAsync(RegistryGenerator.Generate(500), Csv);

        var result = await ImportAsync();

        Assert.Equal(0, result.Rejected);
        Assert.Equal(before, await IndexesAsync());
        Assert.Contains(before, i => i.Name == "IX_Persons_SearchName_BirthDate");
        Assert.Contains(before, i => i.Name == "IX_IdentityDocuments_PersonId");
        if (Engine == Engine.Postgres) Assert.Contains(before, i => i.Name == "FK_IdentityDocuments_Persons_PersonId" && i.Sql.EndsWith(" true"));
        Assert.Equal(500, await PersonCountAsync());
        if (Engine != Engine.Sqlite) return;
        await using var conn = new SqliteConnection($"Data Source={host.DatabasePath}");
        await conn.OpenAsync();
        Assert.Equal("wal", await ScalarAsync<string>(conn, "PRAGMA journal_mode"));
        Assert.Equal("ok", await ScalarAsync<string>(conn, "PRAGMA integrity_check"));
        Assert.Equal(500, await ScalarAsync<long>(conn, "SELECT COUNT(*) FROM Persons INDEXED BY IX_Persons_SearchName_BirthDate WHERE SearchName > ''"));
    }

    [Fact]
    public async Task Keys_repeated_inside_a_first_load_update_and_a_clashing_row_is_the_only_one_rejected()
    {
        const string tail = ",,LP,2015-06-01,,";
        await File.WriteAllLinesAsync(Csv,
        [
            RegistryCsvFormat.Header,
            "1,ANA,ROJAS,,,1990-03-14,F,BOLIVIANA,,,,CALLE 1,,,N,,11,CI,700001" + tail + "VIGENTE,",
            "2,LUIS,ROJAS,,,1991-03-14,M,BOLIVIANA,,,,,,,N,,21,CI,700002" + tail + "VIGENTE,",
            "1,ANA,ROJAS,,,1990-03-14,F,BOLIVIANA,,,,CALLE 2,,,N,,11,CI,700001" + tail + "BLOQUEADO,",
            "3,EVA,ROJAS,,,1992-03-14,F,BOLIVIANA,,,,,,,N,,21,CI,700003" + tail + "VIGENTE,",
            "4,JUAN,ROJAS,,,1993-03-14,M,BOLIVIANA,,,,,,,N,,41,CI,700004" + tail + "VIGENTE,",
        ]);

        var result = await ImportAsync();

        Assert.Equal((5L, 4L, 1L), (result.Rows, result.Imported, result.Rejected));
        var report = await File.ReadAllLinesAsync(result.RejectReportPath!);
        Assert.StartsWith("5,\"El documento o la persona choca con otro registro existente", report[1]);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.Equal(["700001", "700002", "700004"], await db.IdentityDocuments.OrderBy(d => d.Number).Select(d => d.Number).ToListAsync());
        Assert.Equal(DocumentStatus.Blocked, await db.IdentityDocuments.Where(d => d.Id == 11).Select(d => d.Status).SingleAsync());
        Assert.Equal("CALLE 2", await db.Persons.Where(p => p.Id == 1).Select(p => p.Address).SingleAsync());
    }

    [Fact]
    public async Task Progress_is_reported_and_ends_with_the_totals()
    {
        var rows = await RegistryCsvWriter.WriteAsync(RegistryGenerator.Generate(2000), Csv);
        var reports = new List<ImportProgress>();

        await host.Get<RegistryImporter>().ImportAsync(Csv, reports.Add);

        var last = reports[^1];
        Assert.Equal((rows, rows, 1.0), (last.Rows, last.Imported, last.Fraction));
        Assert.Null(last.Stage);
        Assert.True(last.RowsPerSecond > 0);
    }

    [Fact]
    public async Task An_import_killed_midway_through_a_first_load_leaves_every_index_and_runs_again()
    {
        var rows = await RegistryCsvWriter.WriteAsync(RegistryGenerator.Generate(150_000), Csv);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = Engine.ToString(),
            ["ConnectionStrings__Consulta"] = host.ConnectionString,
            ["Seed__Demo"] = "false",
        };
        var before = await IndexesAsync();
        SqliteConnection.ClearAllPools();

        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(AppProcess.WebDll)! };
        info.ArgumentList.Add(AppProcess.WebDll);
        info.ArgumentList.Add("import-registry");
        info.ArgumentList.Add(Csv);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        using var import = Process.Start(info)!;
        var midway = new TaskCompletionSource();
        import.ErrorDataReceived += (_, e) =>
        {
            // Non-interactive progress lines: "[███░░…]  12 %  34.567 filas …"; kill once rows are being written.
            if (e.Data is { } line && line.Contains(" filas ") && !line.Contains("100 %") && !line.Contains(" 0 filas")) midway.TrySetResult();
        };
        import.OutputDataReceived += (_, _) => { };
        import.BeginErrorReadLine();
        import.BeginOutputReadLine();
        await midway.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.False(import.HasExited);
        import.Kill(entireProcessTree: true);
        await import.WaitForExitAsync();

        // The cut-off load rolls back as a whole: no half registry, and not one index missing.
        Assert.Equal(before, await IndexesAsync());
        Assert.Equal(0, await PersonCountAsync());
        if (Engine == Engine.Sqlite)
        {
            await using var conn = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
            await conn.OpenAsync();
            Assert.Equal("ok", await ScalarAsync<string>(conn, "PRAGMA integrity_check"));
        }

        var migrate = await AppProcess.RunAsync(environment, null, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Errors);
        var again = await AppProcess.RunAsync(environment, null, "import-registry", Csv);
        Assert.True(again.ExitCode == 0, again.Errors);
        Assert.Contains($"{rows.ToString("N0", CultureInfo.GetCultureInfo("es-BO"))} importadas", again.Output);
        Assert.Equal(before, await IndexesAsync());
        Assert.Equal(150_000, await PersonCountAsync());
        if (Engine == Engine.Sqlite)
        {
            await using var conn = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
            await conn.OpenAsync();
            Assert.Equal("wal", await ScalarAsync<string>(conn, "PRAGMA journal_mode"));
        }
    }

    private async Task<int> PersonCountAsync()
    {
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        return await db.Persons.CountAsync();
    }

    /// <summary>The registry tables' indexes with their definitions, as the database stores them.</summary>
    private async Task<List<(string Name, string Sql)>> IndexesAsync()
    {
        if (Engine == Engine.Postgres)
        {
            await using var pg = new Npgsql.NpgsqlConnection(host.ConnectionString);
            await pg.OpenAsync();
            await using var query = new Npgsql.NpgsqlCommand(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('Persons', 'IdentityDocuments', 'PersonBiometrics') " +
                // A first load also sets aside the primary keys and the foreign keys (validated) of and into the tables.
                "UNION ALL SELECT conname, pg_get_constraintdef(oid) || ' ' || convalidated FROM pg_constraint " +
                "WHERE conrelid IN ('\"Persons\"'::regclass, '\"IdentityDocuments\"'::regclass, '\"PersonBiometrics\"'::regclass) ORDER BY 1, 2", pg);
            var found = new List<(string, string)>();
            await using var rows = await query.ExecuteReaderAsync();
            while (await rows.ReadAsync()) found.Add((rows.GetString(0), rows.GetString(1)));
            return found;
        }
        await using var conn = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('Persons', 'IdentityDocuments') AND sql IS NOT NULL ORDER BY name";
        var list = new List<(string, string)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add((reader.GetString(0), reader.GetString(1)));
        return list;
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_file_with_another_header_is_refused_before_touching_anything()
    {
        await File.WriteAllLinesAsync(Csv, ["ci,nombre", "1,JUAN"]);
        var result = await ImportAsync();
        Assert.StartsWith("La cabecera no corresponde al formato del registro.", result.FatalError);
        Assert.Equal(0, result.Imported);
    }

    [Fact]
    public void The_generator_is_deterministic_and_realistic()
    {
        var a = RegistryGenerator.Generate(2000).ToList();
        var b = RegistryGenerator.Generate(2000).ToList();
        Assert.Equal(a.Select(p => (p.FirstNames, p.FirstSurname, p.BirthDate)), b.Select(p => (p.FirstNames, p.FirstSurname, p.BirthDate)));
        var docs = a.SelectMany(p => p.Documents).ToList();
        Assert.Equal(docs.Count, docs.Select(d => (d.Type, d.Number, d.Complement)).Distinct().Count());
        Assert.Contains(docs, d => d.Type == DocumentType.ForeignerIdentityCard && d.Department == Department.Foreign);
        Assert.Contains(docs, d => d.Type == DocumentType.DrivingLicence && d.LicenceCategory is not null);
        Assert.Contains(docs, d => d.Complement.Length == 2);
        Assert.Contains(a, p => p.IsDeceased);
        Assert.Contains(docs, d => d.Status == DocumentStatus.Cancelled);
        Assert.DoesNotContain(docs, d => d.Number is "1234567" or "7654321");
    }
}
