using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;

namespace Segip.Consulta.Core.Data.Seed;

/// <summary>Demo data switches (<c>Seed:*</c>). Honoured only in the Development environment.</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";
    public bool Demo { get; set; } = true;
    public int Persons { get; set; } = 20_000;
}

public sealed class SeedOptionsValidator(HostingRules hosting) : IValidateOptions<SeedOptions>
{
    public ValidateOptionsResult Validate(string? name, SeedOptions options) =>
        hosting.IsProduction && options.Demo
            ? ValidateOptionsResult.Fail("Seed:Demo está activado: los datos de demostración no se permiten en Production.")
            : ValidateOptionsResult.Success;
}
