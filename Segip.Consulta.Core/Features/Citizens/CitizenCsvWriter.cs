using System.Text;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Features.Audit;

namespace Segip.Consulta.Core.Features.Citizens;

/// <summary>
/// The citizen's list as CSV (UTF-8 with BOM, ';' as Excel in es-BO expects, the audit export's quoting and
/// formula guard). The same columns as the page: no officer, no address, no internal codes.
/// </summary>
public static class CitizenCsvWriter
{
    public static readonly string[] Headers =
    [
        "Fecha y hora (Bolivia)", "Institución", "Canal", "Tipo de consulta", "Finalidad", "Referencia de consentimiento",
        "Datos entregados", "Resultado",
    ];

    public static async Task<int> WriteAsync(Stream output, IAsyncEnumerable<CitizenQueryRow> rows, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync(AuditCsvWriter.Line(Headers, ';'));
        var count = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(AuditCsvWriter.Line(
            [
                BoliviaClock.Format(r.TimestampUtc), r.InstitutionName, CitizenQueryTexts.Channel(r.Channel), CitizenQueryTexts.QueryType(r.QueryType),
                r.Purpose, r.ConsentReference, CitizenQueryTexts.Fields(r.DisclosedFields), CitizenQueryTexts.Result(r.Result),
            ], ';'));
            count++;
        }
        await writer.FlushAsync(ct);
        return count;
    }
}
