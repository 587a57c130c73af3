using Segip.Consulta.Core.Common;

namespace Segip.Consulta.Tests.Unit;

[Trait("Category", "Unit")]
public class CommonTests
{
    [Theory]
    [InlineData(null, "200.1.2.3", true)]
    [InlineData("200.87.0.0/16", "200.87.10.20", true)]
    [InlineData("200.87.0.0/16", "200.88.10.20", false)]
    [InlineData("10.0.0.1, 190.0.0.0/8", "190.5.5.5", true)]
    [InlineData("10.0.0.1", "::ffff:10.0.0.1", true)]
    [InlineData("10.0.0.1", null, false)]
    [InlineData("no-es-ip", "10.0.0.1", false)]
    public void Ip_allowlist_matches_cidr_blocks(string? list, string? ip, bool allowed) =>
        Assert.Equal(allowed, IpAllowlist.Parse(list).Allows(ip));

    [Fact]
    public void Invalid_allowlist_entry_is_named_in_spanish()
    {
        Assert.False(IpAllowlist.TryParse("10.0.0.0/8, 300.1.1.1", out _, out var error));
        Assert.Equal("«300.1.1.1» no es una dirección IP ni un bloque CIDR válido.", error);
    }

    [Theory]
    [InlineData("  José  María ", "JOSE MARIA")]
    [InlineData("Muñoz", "MUÑOZ")]
    [InlineData("GUTIÉRREZ", "GUTIERREZ")]
    public void Names_compare_without_accents_but_keep_enie(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.ForComparison(input));

    [Fact]
    public void Bolivian_day_is_four_hours_behind_utc()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 11, 30), BoliviaClock.Today(clock));
        Assert.Equal(new DateTime(2026, 11, 1, 4, 0, 0), BoliviaClock.MonthStartUtc(clock));
    }

    [Fact]
    public void Values_written_to_logs_lose_line_breaks_nul_and_bidirectional_controls()
    {
        Assert.Equal("demo?? FALSO: ingreso?", LogText.Clean("demo\r\n FALSO: ingreso\u0000"));
        Assert.Equal("a?b", LogText.Clean("a\u202Eb"));
        Assert.Equal("normal", LogText.Clean("normal"));
        Assert.Null(LogText.Clean(null));
        Assert.True(LogText.Clean(new string('x', 1000))!.Length <= LogText.MaxLength + 1);
    }
}
