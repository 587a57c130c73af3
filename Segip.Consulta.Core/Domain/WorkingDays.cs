namespace Segip.Consulta.Core.Domain;

/// <summary>The days of the week an institution declares it works (flags, stored as one number).</summary>
[Flags]
public enum WorkingDays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    MondayToFriday = Monday | Tuesday | Wednesday | Thursday | Friday,
    All = MondayToFriday | Saturday | Sunday,
}

public static class WorkingDaysExtensions
{
    /// <summary>Monday first, as Bolivian calendars show the week.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static WorkingDays Flag(this DayOfWeek day) => day == DayOfWeek.Sunday ? WorkingDays.Sunday : (WorkingDays)(1 << ((int)day - 1));

    public static bool Includes(this WorkingDays days, DayOfWeek day) => (days & day.Flag()) != 0;

    public static IEnumerable<DayOfWeek> DaysOfWeek(this WorkingDays days) => Week.Where(d => days.Includes(d));

    public static WorkingDays ToWorkingDays(this IEnumerable<DayOfWeek> days) =>
        days.Aggregate(WorkingDays.None, (all, d) => all | d.Flag());
}
