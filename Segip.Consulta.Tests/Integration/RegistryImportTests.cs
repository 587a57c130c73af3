using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Registry;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class RegistryImportTests : IAsyncLifetime
{
    private CoreHost host = default!;
    private string Csv => Path.Combine(host.Folder, "registro.csv");

    public async ValueTask InitializeAsync() => host = await CoreHost.CreateAsync(demo: false);
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
        persons[2].Documents[0].Status = DocumentStatus.BLOQUEADO;
        await RegistryCsvWriter.WriteAsync(persons, Csv);
        var result = await ImportAsync();

        Assert.Equal(0, result.Rejected);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.Equal(5, await db.Persons.CountAsync());
        Assert.Equal("CALLE NUEVA N° 1, SUCRE", await db.Persons.Where(p => p.Id == persons[2].Id).Select(p => p.Address).SingleAsync());
        Assert.Equal(DocumentStatus.BLOQUEADO, await db.IdentityDocuments.Where(d => d.Id == persons[2].Documents[0].Id).Select(d => d.Status).SingleAsync());
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
        Assert.Contains(docs, d => d.Type == DocumentType.CIE && d.Department == Department.EX);
        Assert.Contains(docs, d => d.Type == DocumentType.LIC && d.LicenceCategory is not null);
        Assert.Contains(docs, d => d.Complement.Length == 2);
        Assert.Contains(a, p => p.IsDeceased);
        Assert.Contains(docs, d => d.Status == DocumentStatus.ANULADO);
        Assert.DoesNotContain(docs, d => d.Number is "1234567" or "7654321");
    }
}
