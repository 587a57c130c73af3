using Microsoft.Playwright;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser), headless, one per test
/// class. <c>SEGIP_CHROMIUM</c> overrides the executable path.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static string ChromiumPath => Environment.GetEnvironmentVariable("SEGIP_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"No se encontró Chromium en {ChromiumPath}: instálelo con 'apt-get install -y chromium' (lo hace scripts/test.sh).");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
            ],
        });
    }

    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = baseUrl, Locale = "es-BO", AcceptDownloads = true });
        context.SetDefaultTimeout(20_000);
        // Expect(...) has its own 5 s default; on a loaded 2-core machine a server round trip can take longer.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(20_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") ServerErrorLog.BrowserError(page.Url, message.Text); };
        page.PageError += (_, error) => ServerErrorLog.BrowserError(page.Url, error);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}

/// <summary>The app and a browser, shared by the tests of one browser class.</summary>
public class BrowserAppFixture : IAsyncLifetime
{
    public BrowserAppFixture() : this(new AppFactory()) { }
    protected BrowserAppFixture(AppFactory app) => App = app;

    public AppFactory App { get; }
    public BrowserFixture Browser { get; } = new();
    public string BaseUrl => App.BaseUrl;

    public async ValueTask InitializeAsync()
    {
        App.Start();
        await Browser.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
    }
}

/// <summary>The app on a fresh PostgreSQL database and a browser (browser journeys in the provider matrix).</summary>
public sealed class PostgresBrowserAppFixture : BrowserAppFixture
{
    public PostgresBrowserAppFixture() : base(new PostgresAppFactory()) { }
}
