using System.Globalization;
using MudBlazor;
using MudBlazor.Utilities.Exceptions;

namespace Segip.Consulta.Web.Components.Shared;

/// <summary>
/// Dates as Bolivians type and read them: dd/MM/yyyy. <see cref="Converter"/> is the one converter every typed date
/// field uses (<c>TypedTextField T="DateOnly?" Converter="DateText.Converter"</c>, which keeps unreadable text): an unreadable date shows
/// <see cref="FormatError"/> on its field; an empty field is no date.
/// </summary>
public static class DateText
{
    public const string FormatError = "La fecha debe tener el formato dd/mm/aaaa.";

    public static readonly IReversibleConverter<DateOnly?, string> Converter = new DayConverter(FormatError);

    /// <summary>The same converter for the query form's birth date, whose message names the field.</summary>
    public static readonly IReversibleConverter<DateOnly?, string> BirthDateConverter =
        new DayConverter("La fecha de nacimiento debe tener el formato dd/mm/aaaa.");

    /// <summary>
    /// True when a date field holds text it could not read: the field keeps the text and its error (<see cref="TypedTextField{T}"/>)
    /// and the model holds no date, so a form must not act on the model until the date is corrected.
    /// </summary>
    public static bool Unreadable(params TypedTextField<DateOnly?>?[] fields) => fields.Any(f => f?.ConversionError == true);

    /// <summary>Written as a date (two numbers and a four-digit year) but not a day of the calendar, like 31/02/2026.</summary>
    private static readonly System.Text.RegularExpressions.Regex DateShaped = new(@"^\d{1,2}/\d{1,2}/\d{4}$");

    private static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static string Format(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string Format(DateTime utc) => Core.Common.BoliviaClock.Format(utc);

    /// <summary>A time already in the zone it is shown in, to the minute (dd/MM/yyyy HH:mm).</summary>
    public static string FormatToMinute(DateTime time) => time.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private sealed class DayConverter(string error) : IReversibleConverter<DateOnly?, string>
    {
        public string Convert(DateOnly? input) => Format(input);

        // MudBlazor shows the exception's key (run through its localizer, which returns unknown keys as they are)
        // as the field's error and keeps the previous value.
        public DateOnly? ConvertBack(string input) =>
            string.IsNullOrWhiteSpace(input) ? null
            : Parse(input) ?? throw new ConversionException(DateShaped.IsMatch(input.Trim()) ? $"La fecha {input.Trim()} no existe en el calendario." : error);
    }
}
