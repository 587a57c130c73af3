using Segip.Consulta.Core.Features.Registry;
using Segip.Consulta.Web.Cli;

namespace Segip.Consulta.Tests.Unit;

/// <summary>The admin tool on a terminal (issue 14, item 15).</summary>
[Trait("Category", "Unit")]
public class CliTests
{
    [Fact]
    public void A_password_typed_on_a_terminal_is_read_without_echo()
    {
        var keys = new Queue<ConsoleKeyInfo>(
        [
            Key('C'), Key('l'), Key('x'), new('\b', ConsoleKey.Backspace, false, false, false), Key('a'), Key('v'), Key('e'), Key('!'),
            new('\r', ConsoleKey.Enter, false, false, false),
        ]);
        var screen = new StringWriter();

        var password = HiddenInput.ReadLine(keys.Dequeue, screen);

        Assert.Equal("Clave!", password);
        Assert.Equal(Environment.NewLine, screen.ToString());
    }

    private static ConsoleKeyInfo Key(char c) => new(c, ConsoleKey.A, false, false, false);

    [Fact]
    public void The_import_progress_line_fits_an_80_column_terminal_so_it_redraws_in_place()
    {
        var progress = new ImportProgress(12_000_000, 11_000_000, 123_456, 420, 1000, TimeSpan.FromMinutes(42));
        var line = RegistryCommands.ProgressLine(progress);

        var fitted = RegistryCommands.FitLine(line, 80);

        Assert.Equal(79, fitted.Length);
        Assert.StartsWith(fitted.TrimEnd()[..40], line);
        Assert.Equal(79, RegistryCommands.FitLine("corta", 80).Length);
    }
}

/// <summary>The audit CSV's formula guard (issue 14, item 15).</summary>
[Trait("Category", "Unit")]
public class AuditCsvFormulaTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x.example\")")]
    [InlineData("\t=HYPERLINK(\"http://x.example\")")]
    [InlineData("\r=1+1")]
    [InlineData("@SUM(A1)")]
    public async Task A_cell_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe(string purpose)
    {
        var rows = new[] { new Segip.Consulta.Core.Features.Audit.AuditRow { Purpose = purpose, TimestampUtc = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc) } }.ToAsyncEnumerable();
        using var output = new MemoryStream();

        await Segip.Consulta.Core.Features.Audit.AuditCsvWriter.WriteAsync(output, rows);

        var text = System.Text.Encoding.UTF8.GetString(output.ToArray());
        Assert.Contains("'" + purpose.Replace("\"", "\"\""), text);
    }
}
