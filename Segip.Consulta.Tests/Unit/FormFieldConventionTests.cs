using System.Text.RegularExpressions;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Unit;

/// <summary>
/// docs/architecture.md, «Forms»: text and number fields commit as they are typed. A field that commits on blur
/// drops its error on the blur of the click on «Guardar», the form changes height under the pointer and the click
/// is lost. Dates are the one exception (a half-typed date is not an error yet).
/// </summary>
[Trait("Category", "Unit")]
public partial class FormFieldConventionTests
{
    [GeneratedRegex("""<(MudTextField|MudNumericField|TypedTextField)\b[^<]*?/>""", RegexOptions.Singleline)]
    private static partial Regex FieldTag();

    [Fact]
    public void Every_text_and_number_field_commits_as_it_is_typed()
    {
        var fields = Directory.EnumerateFiles(RepositoryRoot.Combine("Segip.Consulta.Web", "Components"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => FieldTag().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Tag: m.Value)))
            .Where(f => !f.Tag.Contains("T=\"DateOnly?\""))
            .ToList();

        Assert.True(fields.Count > 40, $"only {fields.Count} fields found: is the folder right?");
        var onBlur = fields.Where(f => !f.Tag.Contains("Immediate=\"true\"")).Select(f => $"{f.File}: {f.Tag[..Math.Min(90, f.Tag.Length)]}");
        Assert.Empty(onBlur);
    }
}
