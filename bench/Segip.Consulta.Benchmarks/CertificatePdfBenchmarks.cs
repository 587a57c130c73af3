using BenchmarkDotNet.Attributes;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Certificates;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Core.Features.Signing;

namespace Segip.Consulta.Benchmarks;

/// <summary>
/// Time to draw and sign one query certificate (what the officer's "Descargar certificado" waits for,
/// apart from the database round trips): level 2 without images, and level 4 with photo and signature.
/// </summary>
[MemoryDiagnoser]
public class CertificatePdfBenchmarks
{
    private CertificatePdfWriter writer = default!;
    private CertificateContent basic = default!;
    private CertificateContent complete = default!;

    [GlobalSetup]
    public void Setup()
    {
        writer = new CertificatePdfWriter(SigningCertificate.FromCertificate(SigningCertificate.CreateSelfSigned()));
        var person = new Person
        {
            FirstNames = "MARÍA ELENA", FirstSurname = "PEREZ", SecondSurname = "QUISPE", MarriedSurname = "DE ROJAS",
            BirthDate = new DateOnly(1990, 7, 22), Sex = "F", Nationality = "BOLIVIANA", BirthPlace = "EL ALTO",
            CivilStatus = "CASADA", Profession = "CONTADORA", Address = "CALLE JUNÍN N° 455, EL ALTO",
            FatherName = "RENÉ PEREZ APAZA", MotherName = "ROSA QUISPE TICONA", SearchName = "PEREZ MARIA ELENA",
            Biometrics = new PersonBiometrics { Photo = PlaceholderImage.Portrait(2), Signature = PlaceholderImage.Signature(2) },
        };
        var document = new IdentityDocument
        {
            Type = DocumentType.IdentityCard, Number = "1234567", Complement = "1A", Department = Department.LaPaz,
            IssuedOn = new DateOnly(2018, 9, 3), ExpiresOn = new DateOnly(2028, 9, 3), Status = DocumentStatus.InForce,
        };
        var match = new RegistryMatch(person, document);
        var code = VerificationCode.New();
        basic = new CertificateContent
        {
            Number = "CERT-2026-000123", VerificationCode = code,
            VerificationUrl = CertificateQr.VerificationUrl("https://consulta.segip.gob.bo", code),
            IssuedUtc = DateTime.UtcNow, IssuedBy = "oficial@bancodemo.demo", QueryId = Guid.NewGuid(), AuditSequence = 4711,
            QueriedUtc = DateTime.UtcNow, InstitutionName = "Banco Demo S.A.", AgreementNumber = "CONV-DEMO-0001",
            AccessLevelName = "Nivel 2 — Básico", EndUserCode = "BD-001", EndUserName = "Oficial Banco Demo",
            Channel = Channel.Web, QueryType = QueryType.Document, SearchKeys = "CI 1234567-1A",
            Purpose = "Apertura de caja de ahorro", Result = QueryResult.Found,
            DisclosedFields = StandardAccessLevels.BasicoFields,
            Persons = [PersonProjection.Project(match, StandardAccessLevels.BasicoFields)],
        };
        complete = basic with
        {
            AccessLevelName = "Nivel 4 — Completo", ConsentReference = "FORM-2026-77",
            DisclosedFields = StandardAccessLevels.CompletoFields,
            Persons = [PersonProjection.Project(match, StandardAccessLevels.CompletoFields)],
        };
    }

    [Benchmark(Baseline = true)]
    public Task<byte[]> BasicLevelSigned() => writer.WriteAsync(basic);

    [Benchmark]
    public Task<byte[]> CompleteLevelWithPhotoSigned() => writer.WriteAsync(complete);
}
