namespace Segip.Consulta.Core.Data.Seed;

/// <summary>Demo data switches (<c>Seed:*</c>). Honoured only in the Development environment.</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";
    public bool Demo { get; set; } = true;
    public int Persons { get; set; } = 20_000;
}
