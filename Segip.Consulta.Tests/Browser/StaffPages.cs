using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

/// <summary>What the legal directorate and institution admins do in the staff pages, named as they would say it.</summary>
public sealed class StaffPages(IPage page)
{
    public async Task OpenAsync(string path, string heading)
    {
        await page.GotoAsync(path);
        await LoginPage.WaitInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = false }).First).ToBeVisibleAsync();
    }

    public Task FillAsync(string label, string value) => page.GetByLabel(label, new() { Exact = true }).FillAsync(value);

    /// <summary>Opens a MudSelect by its input id and picks the option containing the text.</summary>
    public async Task PickAsync(string inputId, string option)
    {
        await page.Locator($".mud-select:has(#{inputId}) .mud-input-control").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    public Task CheckAsync(string label) => page.GetByRole(AriaRole.Checkbox, new() { Name = label, Exact = true }).CheckAsync();

    public Task ClickAsync(string button) => page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    public ILocator Dialog => page.Locator(".mud-dialog");

    /// <summary>Types the reason in the open reason dialog and confirms.</summary>
    public async Task ConfirmWithReasonAsync(string reason, string confirm)
    {
        await Dialog.GetByLabel("Motivo").FillAsync(reason);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = confirm, Exact = true }).ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
    }

    public ILocator AgreementStatus => page.GetByTestId("agreement-status").First;

    public ILocator HistoryActions => page.GetByTestId("change-history").GetByTestId("change-action");
}
