using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Segip.Consulta.Web.Components.Credentials;
using Segip.Consulta.Web.Components.Shared;

namespace Segip.Consulta.Tests.Components;

/// <summary>
/// The reason dialogs check the reason with the receiving service's own rule, show its Spanish message on the field
/// and stay open (nothing typed is lost); an acceptable reason closes them with the text.
/// </summary>
[Trait("Category", "Component")]
public class ReasonDialogTests : BunitContext
{
    private readonly IRenderedComponent<MudDialogProvider> provider;
    private IDialogService Dialogs => Services.GetRequiredService<IDialogService>();

    public ReasonDialogTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Render<MudPopoverProvider>();
        provider = Render<MudDialogProvider>();
    }

    private void Click(string text) => provider.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public async Task A_status_reason_too_short_shows_the_agreement_rule_on_the_field_and_the_dialog_stays_open()
    {
        Task<string?> asked = null!;
        // A statement lambda: with an expression the renderer would await the dialog's answer and never return.
        await provider.InvokeAsync(() => { asked = ReasonDialog.AskAsync(Dialogs, "Suspender convenio", "Las consultas se rechazarán.", "Suspender"); });

        provider.Find("#motivo").Input("mal");
        Click("Suspender");

        provider.WaitForAssertion(() => Assert.Contains("El motivo debe tener al menos 5 caracteres.", FieldText.Of(provider, "#motivo")));
        Assert.False(asked.IsCompleted);

        provider.Find("#motivo").Input("Incumplimiento de la cláusula 5");
        Click("Suspender");
        Assert.Equal("Incumplimiento de la cláusula 5", await asked.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_revocation_needs_a_reason_and_returns_it_trimmed()
    {
        IDialogReference dialog = null!;
        await provider.InvokeAsync(async () => dialog = await Dialogs.ShowAsync<RevokeDialog>("Revocar",
            new DialogParameters<RevokeDialog> { { d => d.ClientId, "banco-1a2b3c4d" } }));

        Click("Revocar");

        provider.WaitForAssertion(() => Assert.Contains("Indique el motivo de la revocación.", FieldText.Of(provider, "#motivo-revocacion")));
        Assert.False(dialog.Result.IsCompleted);

        provider.Find("#motivo-revocacion").Input("  Secreto expuesto en un registro  ");
        Click("Revocar");
        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Secreto expuesto en un registro", result!.Data);
    }
}
