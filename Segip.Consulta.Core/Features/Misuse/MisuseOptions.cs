using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Misuse;

/// <summary>
/// The misuse detector's settings (<c>Misuse</c> in appsettings; defaults here, every key explained in
/// appsettings.Example.json). Thresholds are counts per end user and Bolivian day unless said otherwise.
/// </summary>
public sealed class MisuseOptions
{
    public const string SectionName = "Misuse";

    public bool Enabled { get; set; } = true;
    /// <summary>How often the detector looks for new audit records.</summary>
    public int PollSeconds { get; set; } = 30;
    /// <summary>Audit records read from the log per query; a pass reads batches until it is at the head of the log.</summary>
    public int BatchSize { get; set; } = 5000;
    /// <summary>
    /// At most this many records per pass: one transaction claims them together with their alerts (a pass also ends
    /// as soon as it has an alert to store). Fewer, larger passes mean fewer write transactions next to the audit writer's.
    /// </summary>
    public int RecordsPerPass { get; set; } = 100_000;
    /// <summary>
    /// Where a detector with no position yet starts: false (default) reviews the whole existing log once,
    /// true starts at its current end (an existing large log then raises no alerts about its past).
    /// </summary>
    public bool StartAtCurrentEnd { get; set; }
    /// <summary>Institution admins see the alerts about their own institution on /alertas.</summary>
    public bool InstitutionAdminsSeeOwnAlerts { get; set; }

    public VolumeSpikeOptions VolumeSpike { get; set; } = new();
    public WorkingHoursOptions WorkingHours { get; set; } = new();
    public EnumerationOptions Enumeration { get; set; } = new();
    public PersonCrowdOptions PersonCrowd { get; set; } = new();
    public RefusalOptions Refusals { get; set; } = new();
    public WeakPurposeOptions WeakPurpose { get; set; } = new();
    public int NameSearchesPerDay { get; set; } = 40;
}

/// <summary>The detector's pace must be positive; each threshold must lie in the range the thresholds page allows (<see cref="MisuseThresholdCatalog"/>).</summary>
public sealed class MisuseOptionsValidator : IValidateOptions<MisuseOptions>
{
    public ValidateOptionsResult Validate(string? name, MisuseOptions options)
    {
        var check = new SettingsCheck(MisuseOptions.SectionName)
            .AtLeast(nameof(options.PollSeconds), options.PollSeconds, 1)
            .AtLeast(nameof(options.BatchSize), options.BatchSize, 1)
            .AtLeast(nameof(options.RecordsPerPass), options.RecordsPerPass, 1);
        foreach (var rule in MisuseThresholdCatalog.Rules)
            foreach (var p in rule.Parameters)
                check.Between(rule.SettingKey(p), p.Get(options), p.Min, p.Max);
        return check.Result();
    }
}

public sealed class VolumeSpikeOptions
{
    /// <summary>A day counts as a spike above <see cref="Factor"/> × the end user's median of the last 30 days (working days)…</summary>
    public double Factor { get; set; } = 5;
    /// <summary>…and above this absolute floor, so a quiet user's 12 queries are not a spike.</summary>
    public int Floor { get; set; } = 150;
    public int BaselineDays { get; set; } = 30;
}

/// <summary>
/// The working-hours rule's threshold. The hours and days themselves belong to each institution
/// (<see cref="Domain.Institution.WorkingDays"/>, edited with the institution); the former
/// <c>Misuse:WorkingHours:Default</c> and <c>PerInstitution</c> settings are no longer read.
/// </summary>
public sealed class WorkingHoursOptions
{
    /// <summary>Queries outside hours in one day before an alert: a single late query is not misuse.</summary>
    public int MinQueries { get; set; } = 10;
}

/// <summary>An institution's declared working days and hours (Bolivian time; <see cref="End"/> exclusive, 23:59 meaning until midnight).</summary>
public sealed record WorkingSchedule(WorkingDays Days, TimeOnly Start, TimeOnly End)
{
    private static readonly System.Globalization.CultureInfo Spanish = System.Globalization.CultureInfo.GetCultureInfo("es-BO");
    private static readonly TimeOnly LastMinute = new(23, 59);

    /// <summary>Monday to Friday, 08:00–20:00: what an institution declares unless it says otherwise.</summary>
    public static readonly WorkingSchedule Default = new(WorkingDays.MondayToFriday, Institution.DefaultWorkStart, Institution.DefaultWorkEnd);

    public bool Covers(DateTime localTime)
    {
        if (!Days.Includes(localTime.DayOfWeek)) return false;
        var t = TimeOnly.FromDateTime(localTime);
        return t >= Start && (t < End || End == LastMinute);
    }

    /// <summary>"lun., mar., mié., jue., vie. de 08:00 a 20:00".</summary>
    public string Describe() =>
        $"{string.Join(", ", Days.DaysOfWeek().Select(d => Spanish.DateTimeFormat.GetAbbreviatedDayName(d)))} de {Start:HH\\:mm} a {End:HH\\:mm}";
}

public sealed class EnumerationOptions
{
    /// <summary>Share of NO_ENCONTRADO among the day's lookups at or above which the user is enumerating…</summary>
    public double NotFoundShare { get; set; } = 0.5;
    /// <summary>…once it made at least this many lookups.</summary>
    public int MinQueries { get; set; } = 30;
    /// <summary>Consecutive document numbers (n, n+1, n+2…) queried in one day.</summary>
    public int ConsecutiveRun { get; set; } = 10;
}

public sealed class PersonCrowdOptions
{
    public int WindowMinutes { get; set; } = 60;
    /// <summary>Different end users querying one person within the window.</summary>
    public int EndUsers { get; set; } = 6;
    /// <summary>Different institutions querying one person within the window.</summary>
    public int Institutions { get; set; } = 4;
}

public sealed class RefusalOptions
{
    /// <summary>Queries of a disabled end user (USUARIO_FINAL_NO_HABILITADO) in one day.</summary>
    public int DisabledEndUser { get; set; } = 5;
    /// <summary>Queries of an institution without an agreement in force (CONVENIO_NO_VIGENTE) in one day.</summary>
    public int AgreementNotInForce { get; set; } = 20;
    /// <summary>Refusals of one address (credential, IP allow-list) in one day.</summary>
    public int FromOneAddress { get; set; } = 10;
}

public sealed class WeakPurposeOptions
{
    /// <summary>Purposes shorter than this (letters and digits only) are placeholders.</summary>
    public int MinMeaningfulChars { get; set; } = 8;
    /// <summary>Placeholder purposes by one end user in one day before an alert.</summary>
    public int PlaceholderQueries { get; set; } = 5;
    /// <summary>The same purpose text on this many queries of one end user in one day.</summary>
    public int SameTextQueries { get; set; } = 200;
    public List<string> Placeholders { get; set; } = ["prueba", "test", "consulta", "xxx", "asdf", "ninguna", "na", "varios", "otros", "verificacion", "control"];
}
