namespace Segip.Consulta.Tests.Browser;

/// <summary>WCAG 2.1 AA with axe-core: no serious or critical violation on any page of any role, at both widths.</summary>
[Trait("Category", "Browser")]
public class AccessibilityTests(PageSweep sweep) : IClassFixture<PageSweep>
{
    [Fact]
    public void Every_page_of_every_role_has_no_serious_or_critical_axe_violation_on_desktop_and_phone()
    {
        Assert.True(sweep.Visited.Count >= 60, $"Solo se revisaron {sweep.Visited.Count} estados de página.");
        Assert.True(sweep.Accessibility.Count == 0,
            "Violaciones de axe-core:\n" + string.Join("\n", sweep.Accessibility.Select(f => $"{f.Role} · {f.State} · {f.Width}: {f.Problem}")));
    }

    /// <summary>People read labels, not codes, and no English text of the framework layer (issue 21).</summary>
    [Fact]
    public void Every_page_reads_in_Spanish_without_internal_codes()
    {
        Assert.NotEmpty(sweep.Visited);
        Assert.True(sweep.Language.Count == 0,
            "Textos en inglés o códigos internos a la vista:\n" + string.Join("\n", sweep.Language.Select(f => $"{f.Role} · {f.State} · {f.Width}: {f.Problem}")));
    }
}
