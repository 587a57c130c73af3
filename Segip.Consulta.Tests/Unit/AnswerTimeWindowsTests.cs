using Segip.Consulta.Core.Features.Telemetry;

namespace Segip.Consulta.Tests.Unit;

[Trait("Category", "Unit")]
public class AnswerTimeWindowsTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Percentiles_are_within_a_quarter_above_the_true_value()
    {
        var windows = new AnswerTimeWindows();
        for (var ms = 1; ms <= 100; ms++) windows.Record(7, Now.AddMinutes(-5), ms / 1000.0);

        var hour = windows.Summarize(7, TimeSpan.FromHours(1), Now)!;
        Assert.Equal(100, hour.Count);
        Assert.InRange(hour.P50Seconds, 0.050, 0.050 * 1.25);
        Assert.InRange(hour.P99Seconds, 0.099, 0.099 * 1.25);
    }

    [Fact]
    public void Each_window_counts_only_its_own_period_and_institution()
    {
        var windows = new AnswerTimeWindows();
        windows.Record(1, Now.AddMinutes(-10), 0.010);
        windows.Record(1, Now.AddHours(-5), 2.0);
        windows.Record(1, Now.AddDays(-10), 0.5);
        windows.Record(2, Now.AddMinutes(-1), 0.3);

        Assert.Equal(1, windows.Summarize(1, TimeSpan.FromHours(1), Now)!.Count);
        Assert.Equal(2, windows.Summarize(1, TimeSpan.FromDays(1), Now)!.Count);
        Assert.Equal(3, windows.Summarize(1, TimeSpan.FromDays(30), Now)!.Count);
        Assert.InRange(windows.Summarize(1, TimeSpan.FromDays(1), Now)!.P99Seconds, 2.0, 2.5);
        Assert.Null(windows.Summarize(3, TimeSpan.FromDays(30), Now));
    }
}
