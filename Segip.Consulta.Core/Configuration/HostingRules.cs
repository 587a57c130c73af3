namespace Segip.Consulta.Core.Configuration;

/// <summary>
/// What the hosting environment demands of the settings; the options validators read it. Development and the
/// sandbox may run on keys they generate themselves (they sign nothing of value); everything else needs the real
/// ones, and Production refuses demo data and the built-in database (docs/architecture.md, «Configuration»).
/// </summary>
public sealed record HostingRules(string EnvironmentName, bool IsSandbox = false)
{
    public static readonly HostingRules Development = new("Development");

    public bool IsDevelopment => string.Equals(EnvironmentName, "Development", StringComparison.OrdinalIgnoreCase);
    public bool IsProduction => string.Equals(EnvironmentName, "Production", StringComparison.OrdinalIgnoreCase);
    public bool MayGenerateKeys => IsDevelopment || IsSandbox;
}
