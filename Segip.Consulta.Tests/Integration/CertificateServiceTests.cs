using System.Text;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Certificates;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class CertificateServiceTests : IAsyncLifetime
{
    /// <summary>The database the tests run on; <see cref="ProviderMatrix"/> repeats them on PostgreSQL.</summary>
    protected virtual Engine Engine => Engine.Sqlite;

    private const string BaseUrl = "https://consulta.segip.test";
    private CoreHost host = default!;
    private int bank, tse;

    public async ValueTask InitializeAsync()
    {
        host = await CoreHost.CreateAsync(persons: 20, engine: Engine);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        bank = await db.Institutions.Where(i => i.Name == DemoAccounts.BankName).Select(i => i.Id).SingleAsync();
        tse = await db.Institutions.Where(i => i.Name == DemoAccounts.TseName).Select(i => i.Id).SingleAsync();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private CertificateService Service => host.Get<CertificateService>();

    private async Task<QueryOutcome> QueryAsync(int institution, string endUser, string number, string? complement = null, string? consent = null) =>
        await host.Get<QueryGate>().ExecuteAsync(
            new QueryCaller { Channel = Channel.Web, InstitutionId = institution, EndUserCode = endUser, ClientIp = "10.0.0.7" },
            new QueryRequest
            {
                DocumentType = "CI", DocumentNumber = number, Complement = complement,
                Purpose = "Verificación para apertura de cuenta en oficina Sopocachi", ConsentReference = consent,
            });

    private async Task<IssuedCertificate> IssueAsync(Guid queryId, int institution, string by = DemoAccounts.BankOfficer)
    {
        var result = await Service.IssueAsync(new CertificateRequest(queryId, institution, by, BaseUrl));
        Assert.True(result.IsOk, result.Message);
        return result.Value!;
    }

    [Fact]
    public async Task Certificate_states_every_field_of_the_query_and_the_disclosed_data_with_spanish_labels()
    {
        var query = await QueryAsync(bank, "BD-001", "1234567");
        var issued = await IssueAsync(query.QueryId, bank);

        var text = PdfInspection.Text(issued.Pdf);
        Assert.Matches(@"^CERT-\d{4}-\d{6}$", issued.Number);
        foreach (var expected in new[]
        {
            "Servicio General de Identificación Personal", "Certificado de consulta", $"N° {issued.Number}",
            $"Fecha y hora {BoliviaClock.Format(query.TimestampUtc)} (hora de Bolivia)",
            $"Identificador de consulta {query.QueryId}",
            $"Registro de bitácora N° {query.AuditSequence}",
            "Institución Banco Demo S.A.", "Convenio CONV-DEMO-0001 · Nivel 2 — Básico",
            "Usuario final BD-001", "Canal Aplicación web", "Tipo de consulta Por documento (DOCUMENTO)",
            "Datos de búsqueda CI 1234567", "Finalidad Verificación para apertura de cuenta en oficina Sopocachi",
            "Resultado ENCONTRADO", "Documento CI 1234567",
            "Nombres JUAN CARLOS", "Primer apellido PEREZ", "Segundo apellido MAMANI", "Apellido de casada (sin dato)",
            "Estado del documento VIGENTE", "Fecha de nacimiento 14/03/1985",
            "Código de verificación", VerificationCode.Display(issued.VerificationCode), issued.VerificationUrl,
            "Página 1 de 1",
        })
            Assert.Contains(expected, text);
        Assert.Contains($"Emitido el {BoliviaClock.Format(await IssuedUtcAsync(issued.Number))} (hora de Bolivia) por {DemoAccounts.BankOfficer}", text);
        // Level 2 discloses no address, parents or photo: the certificate must not either.
        Assert.DoesNotContain("AV. 6 DE AGOSTO", text);
        Assert.DoesNotContain("Nombre de la madre", text);
        Assert.DoesNotContain("Fotografía", text);
    }

    [Fact]
    public async Task Complete_level_certificate_shows_accents_parents_photo_and_signature()
    {
        var query = await QueryAsync(tse, "TSE-001", "1234567", "1A", consent: "FORM-2026-77");
        var issued = await IssueAsync(query.QueryId, tse, DemoAccounts.TseOfficer);

        var text = PdfInspection.Text(issued.Pdf);
        foreach (var expected in new[]
        {
            "Documento CI 1234567-1A", "Nombres MARÍA ELENA", "Apellido de casada DE ROJAS", "Domicilio CALLE JUNÍN N° 455, EL ALTO",
            "Profesión u ocupación CONTADORA", "Nombre del padre RENÉ PEREZ APAZA", "Fallecido No", "Fecha de emisión 03/09/2018",
            "Referencia de consentimiento FORM-2026-77", "Institución Tribunal Supremo Electoral", "Firma",
        })
            Assert.Contains(expected, text);
        // Logo, photo, signature and QR.
        Assert.Equal(4, PdfInspection.ImageCount(issued.Pdf));
    }

    [Fact]
    public async Task Qr_code_in_the_pdf_decodes_to_the_public_verification_url()
    {
        var query = await QueryAsync(bank, "BD-001", "7654321");
        var issued = await IssueAsync(query.QueryId, bank);

        Assert.Equal($"{BaseUrl}/verificar/{VerificationCode.Display(issued.VerificationCode)}", issued.VerificationUrl);
        Assert.Equal([issued.VerificationUrl], PdfInspection.QrCodes(issued.Pdf));
    }

    [Fact]
    public async Task Pdfsig_reports_the_signature_valid_and_invalid_after_one_byte_changes()
    {
        var query = await QueryAsync(bank, "BD-001", "1234567");
        var issued = await IssueAsync(query.QueryId, bank);

        var report = await PdfInspection.PdfsigAsync(issued.Pdf);
        Assert.Contains("Signature is Valid", report);
        Assert.Contains("adbe.pkcs7.detached", report);

        // Change one digit of the number in the document title, inside the signed byte range.
        var tampered = (byte[])issued.Pdf.Clone();
        var at = IndexOf(tampered, Encoding.ASCII.GetBytes("(Certificado de consulta CERT-"));
        Assert.True(at > 0);
        var digit = at + "(Certificado de consulta CERT-".Length;
        tampered[digit] = tampered[digit] == (byte)'9' ? (byte)'8' : (byte)'9';
        var tamperedReport = await PdfInspection.PdfsigAsync(tampered);
        Assert.Contains("Signature is Invalid", tamperedReport);
        Assert.DoesNotContain("Signature is Valid", tamperedReport);
    }

    [Fact]
    public async Task Each_issue_is_a_new_audit_record_and_the_query_record_is_never_changed()
    {
        var query = await QueryAsync(bank, "BD-001", "1234567");
        var first = await IssueAsync(query.QueryId, bank);
        var second = await IssueAsync(query.QueryId, bank);

        Assert.NotEqual(first.Number, second.Number);
        Assert.NotEqual(first.VerificationCode, second.VerificationCode);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var original = await db.AuditRecords.SingleAsync(r => r.QueryId == query.QueryId);
        Assert.Null(original.CertificateNumber);
        var issues = await db.AuditRecords.Where(r => r.QueryType == QueryType.Certificate).OrderBy(r => r.Sequence).ToListAsync();
        Assert.Equal([first.Number, second.Number], issues.Select(r => r.CertificateNumber));
        Assert.All(issues, r =>
        {
            Assert.Equal(QueryResult.Issued, r.Result);
            Assert.Contains(query.QueryId.ToString(), r.SearchKeys);
            Assert.Equal(bank, r.InstitutionId);
            Assert.Equal(original.DisclosedFields, r.DisclosedFields);
            Assert.Equal((original.DocumentType, original.DocumentNumber, original.DocumentComplement), (r.DocumentType, r.DocumentNumber, r.DocumentComplement));
            // The certificate shows the same data the query delivered, so the same digest.
            Assert.Equal(original.AnswerSha256, r.AnswerSha256);
        });
        var subjects = await db.AuditSubjects.OrderBy(s => s.AuditSequence).ToListAsync();
        Assert.Equal([original.Sequence, .. issues.Select(r => r.Sequence)], subjects.Select(s => s.AuditSequence));
        Assert.Single(subjects.Select(s => s.PersonId).Distinct());
        var stored = await db.Certificates.SingleAsync(c => c.Number == first.Number);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(first.Pdf)), stored.PdfSha256);
        Assert.True((await host.Get<AuditVerifier>().VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task The_document_is_found_by_the_records_columns_not_by_its_display_keys()
    {
        var query = await QueryAsync(bank, "BD-001", "1234567");
        // A record from before the document columns existed: the keys still read "CI 1234567", the type column is empty.
        await using (var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
            await db.AuditRecords.Where(r => r.Sequence == query.AuditSequence).ExecuteUpdateAsync(u => u.SetProperty(r => r.DocumentType, (DocumentType?)null));

        var text = PdfInspection.Text((await IssueAsync(query.QueryId, bank)).Pdf);

        Assert.Contains("Datos de búsqueda CI 1234567", text);
        Assert.Contains("antes de que la bitácora guardara el tipo de documento", text);
        Assert.DoesNotContain("JUAN CARLOS", text);
    }

    [Fact]
    public async Task Another_institution_cannot_obtain_the_certificate_and_nothing_is_recorded()
    {
        var query = await QueryAsync(bank, "BD-001", "1234567");

        var result = await Service.IssueAsync(new CertificateRequest(query.QueryId, tse, DemoAccounts.TseOfficer, BaseUrl));
        var unknown = await Service.IssueAsync(new CertificateRequest(Guid.NewGuid(), bank, DemoAccounts.BankOfficer, BaseUrl));

        Assert.Equal(ServiceStatus.NotFound, result.Status);
        Assert.Equal(unknown.Message, result.Message);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Certificates.CountAsync());
        Assert.Equal(0, await db.AuditRecords.CountAsync(r => r.QueryType == QueryType.Certificate));
    }

    [Fact]
    public async Task A_refused_query_has_no_certificate()
    {
        var refused = await QueryAsync(bank, "BD-002", "1234567");
        Assert.Equal(QueryResult.Refused, refused.Result);

        var result = await Service.IssueAsync(new CertificateRequest(refused.QueryId, bank, DemoAccounts.BankOfficer, BaseUrl));

        Assert.Equal(ServiceStatus.Conflict, result.Status);
        Assert.Equal("Una consulta denegada no tiene certificado.", result.Message);
    }

    [Fact]
    public async Task Verification_shows_metadata_only_and_reports_revocation_recorded_in_the_history()
    {
        var query = await QueryAsync(bank, "BD-001", "1234567");
        var issued = await IssueAsync(query.QueryId, bank);

        var typed = VerificationCode.Display(issued.VerificationCode).ToLowerInvariant();
        var found = await Service.VerifyAsync(typed);
        Assert.Equal(new CertificateVerification(issued.Number, await IssuedUtcAsync(issued.Number), DemoAccounts.BankName,
            QueryType.Document, QueryResult.Found, null), found);
        Assert.Null(await Service.VerifyAsync("ABCD-EFGH-JKMN-PQRS"));
        Assert.Null(await Service.VerifyAsync("no es un código"));

        var legal = new Actor(DemoAccounts.Legal, new HashSet<string> { Roles.Legal }, null);
        Assert.Equal(ServiceStatus.Forbidden, (await Service.RevokeAsync(legal, new() { Number = issued.Number, Reason = "Emitido por error" })).Status);
        var admin = new Actor(DemoAccounts.Admin, new HashSet<string> { Roles.SegipAdmin }, null);
        var noReason = await Service.RevokeAsync(admin, new() { Number = issued.Number, Reason = " " });
        Assert.Equal(["Indique el motivo de la revocación (de 5 a 500 caracteres)."], noReason.Errors[nameof(CertificateRevocationInput.Reason)]);
        Assert.False((await Service.VerifyAsync(typed))!.IsRevoked);

        var revoked = await Service.RevokeAsync(admin, new() { Number = issued.Number.ToLowerInvariant(), Reason = "Emitido por error" });
        Assert.True(revoked.IsOk, revoked.Message);
        Assert.True((await Service.VerifyAsync(typed))!.IsRevoked);
        Assert.Equal(ServiceStatus.Conflict, (await Service.RevokeAsync(admin, new() { Number = issued.Number, Reason = "Otra vez" })).Status);

        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var change = await db.ChangeRecords.SingleAsync(c => c.EntityType == CertificateService.EntityType);
        Assert.Equal((issued.Number, "Revocado", DemoAccounts.Admin), (change.EntityId, change.Action, change.UserName));
        Assert.Contains("Emitido por error", change.After);
    }

    private async Task<DateTime> IssuedUtcAsync(string number)
    {
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        return await db.Certificates.Where(c => c.Number == number).Select(c => c.IssuedUtc).SingleAsync();
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        return -1;
    }
}
