// Officer query latency in the browser for bench/run.sh (issue 8: "answered in under 150 ms").
//   --url U [--queries 200] [--warmup 20] [--persons P] [--email E] [--password W] [--pause-ms 150] [--chromium PATH]
//   [--max-seconds 600]   stop querying then and report the queries measured so far (bench/run.sh never waits longer)
// Signs in as the demo bank officer with Debian's Chromium (headless, never a downloaded browser), then
// queries documents of the synthetic registry (CI 2000000 + 7·i) on /consultas. Each query is timed inside
// the page with performance.now(): from the click on "Consultar" until the new result (person card,
// "no encontrado" or refusal) is in the DOM, so Playwright's own round trips do not count.
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

var url = Arg("--url", "http://127.0.0.1:5080").TrimEnd('/');
var queries = int.Parse(Arg("--queries", "200"), CultureInfo.InvariantCulture);
var warmup = int.Parse(Arg("--warmup", "20"), CultureInfo.InvariantCulture);
var persons = int.Parse(Arg("--persons", "20000"), CultureInfo.InvariantCulture);
var email = Arg("--email", "oficial@bancodemo.demo");
var password = Arg("--password", "Demo-2026!");
var pause = TimeSpan.FromMilliseconds(int.Parse(Arg("--pause-ms", "150"), CultureInfo.InvariantCulture));
var maxDuration = TimeSpan.FromSeconds(int.Parse(Arg("--max-seconds", "600"), CultureInfo.InvariantCulture));
var chromium = Arg("--chromium", Environment.GetEnvironmentVariable("SEGIP_CHROMIUM") ?? "/usr/bin/chromium");
if (!File.Exists(chromium))
{
    Console.Error.WriteLine($"No se encontró Chromium en {chromium}: instálelo con 'apt-get install -y chromium'.");
    return 2;
}

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = chromium,
    Headless = true,
    Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
    ],
});
var context = await browser.NewContextAsync(new() { BaseURL = url, Locale = "es-BO" });
context.SetDefaultTimeout(60_000);
var page = await context.NewPageAsync();

// On a loaded machine the first sign-in after the app starts can stall; try a few times before giving up.
for (var attempt = 1; ; attempt++)
{
    try
    {
        await page.GotoAsync("/cuenta/ingresar");
        await page.GetByLabel("Correo electrónico").FillAsync(email);
        await page.GetByLabel("Contraseña").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/cuenta/ingresar"), new() { Timeout = 30_000 });
        break;
    }
    catch (TimeoutException) when (attempt < 3)
    {
        var alert = page.GetByRole(AriaRole.Alert);
        if (await alert.CountAsync() > 0) Console.Error.WriteLine($"Ingreso rechazado: {await alert.First.TextContentAsync()}");
        Console.Error.WriteLine($"Ingreso sin respuesta (intento {attempt}); reintentando.");
    }
}
await page.GotoAsync("/consultas");
// Blazor ignores clicks until its circuit is up; the layout exposes a marker for that.
await page.Locator("[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
var number = page.GetByLabel("Número de documento");
await number.WaitForAsync();
await page.GetByLabel("Finalidad de la consulta").FillAsync("Prueba de latencia del arnés");

// Clicks "Consultar" and resolves when the result section differs from the one shown before (each result
// names its own consulta id), or when the page shows that the audit write failed. The MutationObserver
// callback runs once Blazor has applied the whole render batch.
const string TimedQuery = """
    () => new Promise(resolve => {
      const result = () => document.querySelector('[data-testid="query-result"]');
      const failed = () => [...document.querySelectorAll('[role="alert"]')].some(a => a.textContent.includes('bitácora'));
      const before = result()?.textContent ?? null;
      const button = [...document.querySelectorAll('form button[type="submit"]')].find(b => b.textContent.includes('Consultar'));
      let t0 = 0, first = -1;
      const check = () => {
        const r = result();
        if (r && r.textContent !== before) return r.getAttribute('data-result');
        return failed() ? 'FALLO_BITACORA' : null;
      };
      const observer = new MutationObserver(() => {
        if (first < 0) first = performance.now() - t0;
        const outcome = check();
        if (outcome === null) return;
        const ms = performance.now() - t0;
        observer.disconnect();
        clearTimeout(timer);
        resolve({ ms, first, outcome });
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      const timer = setTimeout(() => { observer.disconnect(); resolve({ ms: -1, outcome: 'TIEMPO_AGOTADO' }); }, 30000);
      t0 = performance.now();
      button.click();
    })
    """;

var rng = new Random(8);
var clock = System.Diagnostics.Stopwatch.StartNew();
var latencies = new List<double>(queries);
var firstChanges = new List<double>(queries);
var outcomes = new Dictionary<string, int>();
var stoppedEarly = false;
var timeoutsInARow = 0;
for (var n = 0; n < warmup + queries; n++)
{
    if (clock.Elapsed > maxDuration)
    {
        stoppedEarly = true;
        Console.Error.WriteLine($"Se alcanzó el límite de {maxDuration.TotalSeconds:0} s tras {latencies.Count} consultas medidas.");
        break;
    }
    await number.FillAsync((2_000_000L + 7L * rng.Next(persons)).ToString(CultureInfo.InvariantCulture));
    // The field sends its value to the server as it is typed; let that settle so only the query is timed.
    await Task.Delay(pause);
    var timed = await page.EvaluateAsync<JsonElement>(TimedQuery);
    if (n < warmup) continue;
    var outcome = timed.GetProperty("outcome").GetString() ?? "?";
    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
    var ms = timed.GetProperty("ms").GetDouble();
    if (ms < 0)
    {
        // Three queries in a row without an answer: the page is not answering at all (circuit lost, an error the
        // script does not know). Say what the page shows and stop instead of waiting 30 s per remaining query.
        if (++timeoutsInARow < 3) continue;
        stoppedEarly = true;
        var shown = await page.EvaluateAsync<string>("() => document.querySelector('main')?.innerText ?? document.body.innerText");
        Console.Error.WriteLine($"Tres consultas seguidas sin respuesta en {page.Url}; la página muestra: {shown[..Math.Min(shown.Length, 800)]}");
        break;
    }
    timeoutsInARow = 0;
    latencies.Add(ms);
    firstChanges.Add(timed.GetProperty("first").GetDouble());
}

var all = latencies.Order().ToArray();
double P(double q) => Percentile(all, q);
Console.WriteLine(JsonSerializer.Serialize(new
{
    mode = "browser", queries = all.Length,
    p50 = Math.Round(P(0.50), 1), p90 = Math.Round(P(0.90), 1), p99 = Math.Round(P(0.99), 1),
    max = Math.Round(all.Length == 0 ? 0 : all[^1], 1), seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
    // First DOM change after the click: the "Consultando…" render, i.e. one SignalR round trip plus validation.
    firstChangeP50 = Math.Round(Percentile([.. firstChanges.Order()], 0.50), 1), outcomes, stoppedEarly,
}));
return all.Length == queries ? 0 : 1;

static double Percentile(double[] sorted, double q) =>
    sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
