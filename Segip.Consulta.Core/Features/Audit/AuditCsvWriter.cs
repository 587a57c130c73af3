using System.Globalization;
using System.Text;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>
/// Writes search results as CSV for spreadsheets: UTF-8 with BOM (Excel then reads accents right),
/// comma or semicolon (Excel in es-BO expects ';'), RFC 4180 quoting. Rows are written as they are read,
/// flushed in chunks, so memory stays constant whatever the number of records.
/// </summary>
public static class AuditCsvWriter
{
    /// <summary>The header row: the exported columns of <see cref="AuditColumns"/>, in their order.</summary>
    public static readonly string[] Headers = AuditColumns.Csv.Select(c => c.CsvHeader!).ToArray();

    public static async Task<long> WriteAsync(Stream output, IAsyncEnumerable<AuditRow> rows, char separator = ',',
        IProgress<long>? progress = null, CancellationToken ct = default)
    {
        if (separator is not (',' or ';')) throw new ArgumentOutOfRangeException(nameof(separator), "Separador no admitido.");
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync(Line(Headers, separator));
        long count = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(Line(AuditColumns.Csv.Select(c => c.Csv!(r)), separator));
            if (++count % 2000 == 0)
            {
                await writer.FlushAsync(ct);
                progress?.Report(count);
            }
        }
        await writer.FlushAsync(ct);
        progress?.Report(count);
        return count;
    }

    internal static string Line(IEnumerable<string?> values, char separator) => string.Join(separator, values.Select(v => Field(v, separator)));

    private static string Field(string? value, char separator)
    {
        if (string.IsNullOrEmpty(value)) return "";
        // A cell starting with = + - @ would run as a formula in a spreadsheet (also after a leading tab or
        // carriage return, which spreadsheets skip); a leading apostrophe keeps it text (OWASP CSV injection).
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        var needsQuotes = value.Contains(separator) || value.Contains('"') || value.Contains('\n') || value.Contains('\r');
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
