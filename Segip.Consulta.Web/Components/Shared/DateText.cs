using System.Globalization;

namespace Segip.Consulta.Web.Components.Shared;

/// <summary>Dates as Bolivians type and read them: dd/MM/yyyy.</summary>
public static class DateText
{
    public const string FormatError = "La fecha debe tener el formato dd/mm/aaaa.";

    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static bool IsUnreadable(string? text) => !string.IsNullOrWhiteSpace(text) && Parse(text) is null;

    public static string Format(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string Format(DateTime utc) => Core.Common.BoliviaClock.Format(utc);
}
