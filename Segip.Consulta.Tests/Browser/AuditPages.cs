using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

/// <summary>The auditor's bitácora page, as an auditor would use it.</summary>
public sealed class AuditLogPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/bitacora");
        await LoginPage.WaitInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bitácora de consultas" })).ToBeVisibleAsync();
    }

    public async Task SearchByDocumentAsync(string number)
    {
        await page.GetByLabel("Documento consultado").FillAsync(number);
        await page.GetByRole(AriaRole.Button, new() { Name = "Buscar" }).ClickAsync();
    }

    public ILocator Rows => page.GetByTestId("audit-results").Locator("tbody tr");
    public ILocator Total => page.GetByTestId("audit-total");
    public ILocator ChainResult => page.GetByTestId("chain-result");

    public async Task<string> DownloadAsync(string linkName, string folder)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = linkName, Exact = true }).ClickAsync());
        var path = Path.Combine(folder, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        return path;
    }

    public async Task VerifyChainAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "Verificar cadena" }).ClickAsync();
}
