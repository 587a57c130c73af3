using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Registry;

/// <summary>
/// Parses and validates one UTF-8 line of the registry format straight into a <see cref="RegistryBatch"/>.
/// The common case (plain ASCII values in canonical form) is checked on the bytes; anything unusual
/// (other whitespace, numeric enum names, invalid UTF-8) goes through the same string-based .NET parsing
/// as before, so the rules and their Spanish reasons are those of <see cref="RegistryCsvReader"/>.
/// </summary>
internal static class RegistryLineParser
{
    private static readonly int ColumnCount = RegistryCsvFormat.Columns.Length;


    /// <summary>Adds the line (without its terminator) as the next record of the batch, valid or with its reason.</summary>
    public static void Parse(ReadOnlySpan<byte> line, long lineNumber, RegistryBatch batch)
    {
        // The old reader decoded with replacement characters; keep that for the odd invalid byte.
        if (!Utf8.IsValid(line)) line = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(line));
        var r = batch.Count++;
        var lineStart = batch.Append(line);
        ref var record = ref batch.Records[r];
        record = new RegistryRecord { LineNumber = lineNumber, LineStart = lineStart, LineLength = line.Length };
        var error = Validate(line, lineStart, batch, r, ref record);
        if (error is not null)
        {
            record.Error = error;
            batch.Truncate(lineStart + line.Length);
        }
    }

    private static string? Validate(ReadOnlySpan<byte> line, int lineStart, RegistryBatch batch, int r, ref RegistryRecord record)
    {
        var count = Split(line, lineStart, batch, r);
        if (count < 0) return "Comillas sin cerrar en la fila.";
        if (count != ColumnCount) return $"La fila tiene {count} columnas; se esperaban {ColumnCount}.";

        if (!long.TryParse(batch.Value(r, 0), NumberStyles.None, CultureInfo.InvariantCulture, out var personId) || personId <= 0)
            return "idPersona debe ser un número entero positivo.";
        if (Empty(batch, r, 1)) return "nombres es obligatorio.";
        if (Empty(batch, r, 2) && Empty(batch, r, 3)) return "Se requiere al menos un apellido.";
        if (Date(batch, r, 5) != DateResult.Valid) return "fechaNacimiento es obligatoria con formato aaaa-mm-dd.";
        if (!IsOneOf(batch.Value(r, 6), (byte)'M', (byte)'F')) return "sexo debe ser M o F.";
        if (Empty(batch, r, 7)) return "nacionalidad es obligatoria.";
        if (!IsOneOf(batch.Value(r, 14), (byte)'S', (byte)'N')) return "fallecido debe ser S o N.";
        if (Date(batch, r, 15) == DateResult.Invalid) return "fechaDefuncion debe tener formato aaaa-mm-dd.";

        if (!long.TryParse(batch.Value(r, 16), NumberStyles.None, CultureInfo.InvariantCulture, out var documentId) || documentId <= 0)
            return "idDocumento debe ser un número entero positivo.";
        if (!Enum<DocumentType>(batch, r, 17, out var type)) return "tipoDocumento debe ser CI, CIE, LIC o LICE.";
        var number = batch.Value(r, 18);
        if (number.Length is < 1 or > 10 || number.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
            return "numeroDocumento debe tener de 1 a 10 dígitos.";
        var complement = batch.Value(r, 19);
        if (complement.Length != 0 && (complement.Length != 2 || !char.IsAsciiDigit((char)complement[0]) || !char.IsAsciiLetterUpper((char)complement[1])))
            return "complemento debe ser un dígito y una letra mayúscula, por ejemplo 1A.";
        if (!Enum<Department>(batch, r, 20, out _)) return "departamento debe ser LP, CB, SC, OR, PT, CH, TJ, BE, PD o EX.";
        if (Date(batch, r, 21) != DateResult.Valid) return "fechaEmision es obligatoria con formato aaaa-mm-dd.";
        if (Date(batch, r, 22) == DateResult.Invalid) return "fechaVencimiento debe tener formato aaaa-mm-dd.";
        if (!Enum<DocumentStatus>(batch, r, 23, out _)) return "estadoDocumento debe ser VIGENTE, VENCIDO, ANULADO o BLOQUEADO.";
        var category = batch.Value(r, 24);
        var isLicence = type is DocumentType.DrivingLicence or DocumentType.ForeignerDrivingLicence;
        if (isLicence && (category.Length != 1 || category[0] is not ((byte)'A' or (byte)'B' or (byte)'C' or (byte)'P' or (byte)'M' or (byte)'T')))
            return "categoriaLicencia debe ser A, B, C, P, M o T para licencias.";
        if (!isLicence && category.Length != 0) return "categoriaLicencia solo corresponde a licencias (LIC, LICE).";

        // Empty optional values are stored as NULL; the complement is the exception (empty string).
        foreach (var slot in NullableSlots)
        {
            if (Empty(batch, r, slot)) batch.SetNull(r, slot);
        }
        record.PersonId = personId;
        record.DocumentId = documentId;
        record.IsDeceased = batch.Value(r, 14)[0] == (byte)'S';
        SetSearchName(batch, r);
        return null;
    }

    private static readonly int[] NullableSlots = [2, 3, 4, 8, 9, 10, 11, 12, 13, 15, 22, 24];

    /// <summary>
    /// Splits the line like <see cref="RegistryCsvReader.Split"/> (RFC 4180 quoting, each value trimmed),
    /// storing the first columns in the batch; returns the column count, or -1 when a quote is left open.
    /// </summary>
    private static int Split(ReadOnlySpan<byte> line, int lineStart, RegistryBatch batch, int r)
    {
        var count = 0;
        var i = 0;
        while (true)
        {
            int start, length;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                var close = line[i..].IndexOf((byte)'"');
                if (close < 0) return -1;
                if (i + close + 1 < line.Length && line[i + close + 1] == '"')
                {
                    // Doubled quotes inside: unescape into the batch.
                    var at = batch.DataLength;
                    while (true)
                    {
                        close = line[i..].IndexOf((byte)'"');
                        if (close < 0) return -1;
                        batch.Append(line.Slice(i, close));
                        i += close;
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            batch.Append("\""u8);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    (start, length) = Trim(batch.Data.AsSpan(at, batch.DataLength - at));
                    start += at;
                }
                else
                {
                    (start, length) = Trim(line.Slice(i, close));
                    start += lineStart + i;
                    i += close + 1;
                }
                if (i < line.Length && line[i] != ',') return -1;
            }
            else
            {
                var comma = line[i..].IndexOf((byte)',');
                var end = comma < 0 ? line.Length : i + comma;
                (start, length) = Trim(line[i..end]);
                start += lineStart + i;
                i = end;
            }
            if (count < ColumnCount) batch.Set(r, count, start, length);
            count++;
            if (i >= line.Length) return count;
            i++;
            if (i == line.Length)
            {
                if (count < ColumnCount) batch.Set(r, count, 0, 0);
                return count + 1;
            }
        }
    }

    /// <summary>The offset and length of the value without the whitespace <see cref="string.Trim()"/> removes.</summary>
    internal static (int Start, int Length) Trim(ReadOnlySpan<byte> value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end)
        {
            if (value[start] < 0x80)
            {
                if (!char.IsWhiteSpace((char)value[start])) break;
                start++;
            }
            else
            {
                System.Text.Rune.DecodeFromUtf8(value[start..end], out var rune, out var used);
                if (!System.Text.Rune.IsWhiteSpace(rune)) break;
                start += used;
            }
        }
        while (end > start)
        {
            if (value[end - 1] < 0x80)
            {
                if (!char.IsWhiteSpace((char)value[end - 1])) break;
                end--;
            }
            else
            {
                System.Text.Rune.DecodeLastFromUtf8(value[start..end], out var rune, out var used);
                if (!System.Text.Rune.IsWhiteSpace(rune)) break;
                end -= used;
            }
        }
        return (start, end - start);
    }

    private static bool Empty(RegistryBatch batch, int r, int slot) => batch.Value(r, slot).Length == 0;

    private static bool IsOneOf(ReadOnlySpan<byte> value, byte a, byte b) => value.Length == 1 && (value[0] == a || value[0] == b);

    private enum DateResult { Empty, Valid, Invalid }

    /// <summary>A yyyy-MM-dd date; anything not already in that exact form goes through DateOnly.TryParseExact.</summary>
    private static DateResult Date(RegistryBatch batch, int r, int slot)
    {
        var s = batch.Value(r, slot);
        if (s.Length == 0) return DateResult.Empty;
        if (s.Length == 10 && s[4] == '-' && s[7] == '-' && Digits(s, 0, 4, out var year) && Digits(s, 5, 2, out var month) && Digits(s, 8, 2, out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            return DateResult.Valid;
        if (!DateOnly.TryParseExact(Encoding.UTF8.GetString(s), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return DateResult.Invalid;
        Replace(batch, r, slot, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return DateResult.Valid;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }

    /// <summary>An enum member stored by its contract code; other spellings Enum.TryParse accepts are stored by their code too.</summary>
    private static bool Enum<T>(RegistryBatch batch, int r, int slot, out T value) where T : struct, Enum
    {
        var s = batch.Value(r, slot);
        var names = EnumNames<T>.Utf8;
        for (var i = 0; i < names.Length; i++)
        {
            if (s.SequenceEqual(names[i]))
            {
                value = EnumNames<T>.Values[i];
                return true;
            }
        }
        if (!System.Enum.TryParse(Encoding.UTF8.GetString(s), false, out value) || !System.Enum.IsDefined(value)) return false;
        Replace(batch, r, slot, value.ToCode());
        return true;
    }

    private static class EnumNames<T> where T : struct, Enum
    {
        public static readonly T[] Values = System.Enum.GetValues<T>();
        public static readonly byte[][] Utf8 = Values.Select(v => Encoding.UTF8.GetBytes(v.ToCode())).ToArray();
    }

    private static void Replace(RegistryBatch batch, int r, int slot, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        batch.Set(r, slot, batch.Append(bytes), bytes.Length);
    }

    /// <summary><see cref="TextNormalizer.SearchName"/> of the first surname and names, on the bytes when they are plain ASCII.</summary>
    private static void SetSearchName(RegistryBatch batch, int r)
    {
        var surname = batch.Value(r, 2);
        var names = batch.Value(r, 1);
        if (!System.Text.Ascii.IsValid(surname) || !System.Text.Ascii.IsValid(names))
        {
            Replace(batch, r, RegistryBatch.SearchNameSlot, TextNormalizer.SearchName(batch.Text(r, 2), batch.Text(r, 1)!));
            return;
        }
        var at = batch.Reserve(surname.Length + 1 + names.Length);
        var output = batch.Data.AsSpan(at);
        var n = 0;
        var pendingSpace = false;
        CopyUpper(surname, output, ref n, ref pendingSpace);
        pendingSpace = n > 0;
        CopyUpper(names, output, ref n, ref pendingSpace);
        batch.Truncate(at + n);
        batch.Set(r, RegistryBatch.SearchNameSlot, at, n);
    }

    /// <summary>ASCII upper case with runs of whitespace as one space, none leading or trailing.</summary>
    private static void CopyUpper(ReadOnlySpan<byte> text, Span<byte> output, ref int n, ref bool pendingSpace)
    {
        foreach (var b in text)
        {
            if (char.IsWhiteSpace((char)b))
            {
                pendingSpace = n > 0;
                continue;
            }
            if (pendingSpace) output[n++] = (byte)' ';
            pendingSpace = false;
            output[n++] = b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b;
        }
    }
}
