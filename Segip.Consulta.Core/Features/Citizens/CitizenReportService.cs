using Microsoft.Extensions.Options;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Certificates;

namespace Segip.Consulta.Core.Features.Citizens;

/// <summary>
/// The signed "Reporte de consultas a mis datos": the same rows as /mis-datos for the same filters (so no
/// reserved agreement's query and no officer), signed like a query certificate, with a QR to /verificar. The
/// person comes from the citizen actor only; there is no id a request could swap. Each download is a new
/// report with its own number and code (a dated statement, like certificates).
/// </summary>
public sealed class CitizenReportService(
    IDbContextFactory<ConsultaDbContext> contexts,
    CitizenQueryService queries,
    CitizenReportPdfWriter writer,
    IOptions<CertificateOptions> options,
    TimeProvider time)
{
    private const int MaxNumberAttempts = 5;

    public async Task<ServiceResult<IssuedCitizenReport>> IssueAsync(Actor actor, CitizenQueryFilter filter, string requestBaseUrl, CancellationToken ct = default)
    {
        if (!actor.IsCitizen) return ServiceResult<IssuedCitizenReport>.Forbidden();
        if (filter.Year is { } year && (year < 2000 || year > 2100))
            return ServiceResult<IssuedCitizenReport>.Invalid(nameof(CitizenQueryFilter.Year), "Elija un año válido.");
        var personId = actor.PersonId!.Value;

        await using var db = await contexts.CreateDbContextAsync(ct);
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.FirstNames, p.FirstSurname, p.SecondSurname }).FirstOrDefaultAsync(ct);
        if (person is null) return ServiceResult<IssuedCitizenReport>.NotFound("Sus datos ya no figuran en el registro.");
        var holder = string.Join(' ', new[] { person.FirstNames, person.FirstSurname, person.SecondSurname }.Where(s => !string.IsNullOrWhiteSpace(s)));

        var rows = new List<CitizenQueryRow>();
        await foreach (var row in queries.StreamAsync(actor, filter, ct)) rows.Add(row);
        var filters = await FiltersTextAsync(db, filter, ct);
        var digest = Digest(rows);

        var report = await ReserveAsync(db, personId, Mask(holder), filters, rows.Count, digest, ct);
        try
        {
            var baseUrl = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? requestBaseUrl : options.Value.PublicBaseUrl;
            var content = new CitizenReportContent(report.Number, report.VerificationCode, CertificateQr.VerificationUrl(baseUrl, report.VerificationCode),
                report.IssuedUtc, holder, filters, rows, rows.Count >= CitizenQueryService.ExportLimit, digest);
            var pdf = await writer.WriteAsync(content);
            report.PdfSha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
            await db.SaveChangesAsync(CancellationToken.None);
            return ServiceResult<IssuedCitizenReport>.Ok(new(report.Number, report.VerificationCode, pdf));
        }
        catch
        {
            // Not drawn, so not issued: the reserved number must not verify as authentic.
            db.CitizenReports.Remove(report);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>The public check of a typed or scanned code; null when no report has it.</summary>
    public async Task<CitizenReportVerification?> VerifyAsync(string? typedCode, CancellationToken ct = default)
    {
        if (VerificationCode.Normalize(typedCode) is not { } code) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CitizenReports.AsNoTracking().Where(r => r.VerificationCode == code)
            .Select(r => new CitizenReportVerification(r.Number, r.IssuedUtc, r.MaskedName, r.Filters, r.QueryCount, r.ContentSha256))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Only initials: "Juan Carlos Pérez" → "J*** C*** P***" (enough to tell it apart, nothing to harvest).</summary>
    public static string Mask(string fullName) =>
        string.Join(' ', fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => $"{char.ToUpperInvariant(w[0])}***"));

    /// <summary>
    /// SHA-256 of one line per listed query (audit sequence, UTC ticks, institution, type, fields, result): printed on
    /// the PDF and stored, so /verificar can confirm which content a printed copy had.
    /// </summary>
    public static string Digest(IEnumerable<CitizenQueryRow> rows)
    {
        var text = new StringBuilder();
        foreach (var r in rows)
            text.Append(CultureInfo.InvariantCulture, $"{r.Sequence}|{r.TimestampUtc.Ticks}|{r.InstitutionName}|{r.Channel.ToCode()}|{r.QueryType.ToCode()}|{r.DisclosedFields}|{r.Result.ToCode()}\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static async Task<string> FiltersTextAsync(ConsultaDbContext db, CitizenQueryFilter filter, CancellationToken ct)
    {
        var institution = filter.InstitutionId is { } id
            ? await db.Institutions.AsNoTracking().Where(i => i.Id == id).Select(i => i.Name).FirstOrDefaultAsync(ct) ?? "(institución desconocida)"
            : "Todas las instituciones";
        var year = filter.Year is { } y ? $"Año {y}" : "Todos los años";
        var text = $"{year} · {institution}";
        return text.Length > 300 ? text[..300] : text;
    }

    /// <summary>Takes the next number of the (Bolivian) year; a concurrent issue taking the same one makes us retry.</summary>
    private async Task<CitizenReport> ReserveAsync(ConsultaDbContext db, long personId, string maskedName, string filters, int count, string digest, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var prefix = $"REP-{BoliviaClock.ToLocal(now).Year}-";
        for (var attempt = 1; ; attempt++)
        {
            var numbers = await db.CitizenReports.AsNoTracking().Where(r => r.Number.StartsWith(prefix))
                .OrderByDescending(r => r.Id).Select(r => r.Number).Take(20).ToListAsync(ct);
            var next = numbers.Select(n => long.TryParse(n[prefix.Length..], out var v) ? v : 0).DefaultIfEmpty(0).Max() + 1;
            var report = new CitizenReport
            {
                Number = $"{prefix}{next:D6}",
                VerificationCode = VerificationCode.New(),
                PersonId = personId,
                IssuedUtc = now,
                MaskedName = maskedName.Length > 200 ? maskedName[..200] : maskedName,
                Filters = filters,
                QueryCount = count,
                ContentSha256 = digest,
            };
            db.CitizenReports.Add(report);
            try
            {
                await db.SaveChangesAsync(ct);
                return report;
            }
            catch (DbUpdateException) when (attempt < MaxNumberAttempts)
            {
                db.Entry(report).State = EntityState.Detached;
            }
        }
    }
}
