namespace Segip.Consulta.Core.Common;

/// <summary>
/// Bolivia keeps UTC−4 all year (no daylight saving), so agreement dates and "this month" are
/// computed with a fixed offset rather than a time-zone database the host may lack.
/// </summary>
public static class BoliviaClock
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(-4);

    public static DateTime ToLocal(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(Offset);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(ToLocal(time.GetUtcNow().UtcDateTime));

    /// <summary>The UTC instant the current Bolivian month started.</summary>
    public static DateTime MonthStartUtc(TimeProvider time)
    {
        var local = ToLocal(time.GetUtcNow().UtcDateTime);
        return new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Utc).Subtract(Offset);
    }

    public static string Format(DateTime utc) => ToLocal(utc).ToString("dd/MM/yyyy HH:mm:ss");
}
