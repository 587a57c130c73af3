using Microsoft.Extensions.Options;

namespace Segip.Consulta.Core.Configuration;

/// <summary>
/// Runs every <c>ValidateOnStart</c> validator now and gathers what they refuse into one Spanish message for the
/// operator («La configuración no es válida para Production: …»). The web host calls it before serving and each
/// admin command before running, so both refuse the same settings with the same words.
/// </summary>
public static class SettingsRefusal
{
    /// <returns>The message listing every refused setting, or null when the settings are acceptable.</returns>
    public static string? Find(IServiceProvider services, string environmentName)
    {
        try
        {
            (services.GetService(typeof(IStartupValidator)) as IStartupValidator)?.Validate();
            return null;
        }
        catch (Exception ex) when (Failures(ex).ToList() is { Count: > 0 } failures)
        {
            return $"La configuración no es válida para {environmentName}:\n - " + string.Join("\n - ", failures);
        }
    }

    private static IEnumerable<string> Failures(Exception ex) => ex switch
    {
        OptionsValidationException options => options.Failures,
        AggregateException all => all.InnerExceptions.SelectMany(Failures),
        _ => [],
    };
}
