using System.Globalization;
using Microsoft.Extensions.Options;

namespace Segip.Consulta.Core.Configuration;

/// <summary>
/// Collects what an options validator refuses in one section, each failure naming its key («Misuse:PollSeconds»)
/// and saying in Spanish what the operator must write instead. Values are shown as they are written in the
/// settings (invariant culture: 0.5, not 0,5).
/// </summary>
public sealed class SettingsCheck(string section)
{
    private readonly List<string> failures = [];

    public string Key(string name) => $"{section}:{name}";

    public SettingsCheck AtLeast(string name, double value, double minimum) =>
        Refuse(value < minimum, $"{Key(name)} «{Show(value)}» debe ser al menos {Show(minimum)}.");

    public SettingsCheck Between(string name, double value, double minimum, double maximum) =>
        Refuse(!(value >= minimum && value <= maximum), $"{Key(name)} «{Show(value)}» debe estar entre {Show(minimum)} y {Show(maximum)}.");

    public SettingsCheck Required(string name, string? value, string why) =>
        Refuse(string.IsNullOrWhiteSpace(value), $"Falta {Key(name)}: {why}");

    public SettingsCheck Refuse(bool refused, string message)
    {
        if (refused) failures.Add(message);
        return this;
    }

    public ValidateOptionsResult Result() => failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
