namespace Segip.Consulta.Web.Cli;

/// <summary>A password typed on a terminal: read key by key without echo, so it never shows on screen or in a scrollback.</summary>
public static class HiddenInput
{
    /// <summary>Reads up to Enter; Backspace deletes; only the final line break is written to <paramref name="echo"/>.</summary>
    public static string ReadLine(Func<ConsoleKeyInfo> readKey, TextWriter echo)
    {
        var typed = new System.Text.StringBuilder();
        while (true)
        {
            var key = readKey();
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0) typed.Length--;
            }
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        echo.WriteLine();
        return typed.ToString();
    }
}
