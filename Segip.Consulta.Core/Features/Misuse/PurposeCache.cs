namespace Segip.Consulta.Core.Features.Misuse;

/// <summary>
/// Each purpose text's canonical form and whether it is a placeholder, worked out once per distinct text: the
/// detector counts every record's purpose, and reducing the text (upper case, accents, Unicode decomposition,
/// letters only) costs several allocations, while an end user repeats the same few texts all day.
/// Used by one detector pass at a time (the detector's gate); forgets everything when the thresholds change.
/// </summary>
public sealed class PurposeCache
{
    /// <summary>Distinct texts kept before starting over (bounds memory against free-text purposes).</summary>
    private const int MaxEntries = 50_000;

    private readonly Dictionary<string, (string Canonical, bool Placeholder)> known = new(StringComparer.Ordinal);
    private WeakPurposeOptions? options;

    public (string Canonical, bool Placeholder) Classify(string? purpose, WeakPurposeOptions o)
    {
        if (!ReferenceEquals(o, options))
        {
            known.Clear();
            options = o;
        }
        if (purpose is not null && known.TryGetValue(purpose, out var hit)) return hit;
        var canonical = MisuseRules.Canonical(purpose);
        var result = (canonical, MisuseRules.IsPlaceholderCanonical(canonical, o));
        if (purpose is null) return result;
        if (known.Count >= MaxEntries) known.Clear();
        return known[purpose] = result;
    }
}
