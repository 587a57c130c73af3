using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Misuse;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

/// <summary>One state of one page as a role sees it: where to go and what to do there first.</summary>
public sealed record PageState(string Name, string Path, Func<IPage, Task>? Act = null);

/// <summary>What the sweep found on one page state at one width.</summary>
public sealed record SweepFinding(string Role, string State, string Width, string Problem);

/// <summary>
/// Visits every page of every role in its main states at desktop (1366×768) and phone (390×844) width, once
/// per test class, with axe-core injected (a browser context with CSP bypassed, for this run only). One
/// sign-in per role; each state is checked at both widths without reloading. The findings feed
/// the two tests of <see cref="AccessibilityTests"/>: axe serious/critical, and English or internal codes in view.
/// </summary>
public sealed class PageSweep : IAsyncLifetime
{
    public static readonly (string Name, int Width, int Height)[] Widths = [("1366×768", 1366, 768), ("390×844", 390, 844)];

    private readonly BrowserAppFixture app = new();
    private string axeScript = "";

    public List<SweepFinding> Accessibility { get; } = [];
    public List<SweepFinding> Language { get; } = [];
    public List<string> Visited { get; } = [];

    public async ValueTask InitializeAsync()
    {
        axeScript = await File.ReadAllTextAsync(AxePath());
        await app.InitializeAsync();
        foreach (var (role, email, states) in await RolesAsync())
            await SweepRoleAsync(role, email, states);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    /// <summary>axe-core as installed by scripts/test.sh (npm ci in Browser/axe, copied to the output).</summary>
    private static string AxePath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");
        if (!File.Exists(path))
            throw new InvalidOperationException($"No se encontró axe-core en {path}: ejecute scripts/test.sh (npm ci en Segip.Consulta.Tests/Browser/axe) y vuelva a compilar.");
        return path;
    }

    private async Task<List<(string Role, string? Email, PageState[] States)>> RolesAsync()
    {
        await using var db = await app.App.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var bank = await db.Institutions.Where(i => i.Name == DemoAccounts.BankName).Select(i => i.Id).SingleAsync();
        var agreement = await db.Agreements.Where(a => a.InstitutionId == bank).Select(a => a.Id).FirstAsync();
        var level = await db.AccessLevels.Where(l => l.IsCurrent).Select(l => l.Id).FirstAsync();
        // A misuse alert for the auditor's alert pages: a protected person queried once (as in AlertJourneyTests),
        // another person than the officer's and the citizen's 1234567.
        await app.App.Get<ProtectedPersonService>().AddAsync(Actor.System, new() { DocumentNumber = "7654321", Reason = "Autoridad bajo protección" });
        await app.App.Get<QueryGate>().ExecuteAsync(new QueryCaller { Channel = Channel.Web, InstitutionId = bank, EndUserCode = "BD-001" },
            new QueryRequest { DocumentType = "CI", DocumentNumber = "7654321", Purpose = "Apertura de caja de ahorro" });
        await app.App.Get<MisuseDetector>().CatchUpAsync();
        var alert = await db.MisuseAlerts.Where(a => a.Rule == MisuseRule.ProtectedPerson).Select(a => a.Id).FirstAsync();
        return
        [
            ("Anónimo", null,
            [
                new("Ingreso", "/cuenta/ingresar"),
                new("Ingreso con error", "/cuenta/ingresar", async p =>
                {
                    await p.WaitForFunctionAsync("() => window.Blazor !== undefined");
                    await p.GetByLabel("Correo electrónico").FillAsync("nadie@segip.demo");
                    await p.GetByLabel("Contraseña").FillAsync("incorrecta");
                    await p.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
                    await Expect(p.Locator(".form-error, .validation-message").First).ToBeVisibleAsync();
                }),
                new("Verificar certificado", "/verificar"),
                new("Ingreso ciudadano", "/ciudadania/ingresar"),
                new("Certificado desconocido", "/verificar/CERT-NO-EXISTE"),
            ]),
            ("Funcionario", DemoAccounts.BankOfficer,
            [
                new("Inicio", "/"),
                new("Consulta", "/consultas"),
                new("Consulta con errores", "/consultas", async p =>
                {
                    await new QueryPage(p).QueryDocumentAsync("12AB", "abc");
                    await Expect(p.GetByText("La finalidad debe tener entre 5 y 500 caracteres.")).ToBeVisibleAsync();
                }),
                new("Persona encontrada", "/consultas", async p =>
                {
                    await new QueryPage(p).QueryDocumentAsync("1234567", "Apertura de caja de ahorro");
                    await Expect(p.GetByTestId("query-result")).ToHaveAttributeAsync("data-result", "ENCONTRADO");
                }),
                new("Persona no encontrada", "/consultas", async p =>
                {
                    await new QueryPage(p).QueryDocumentAsync("99999", "Apertura de caja de ahorro");
                    await Expect(p.GetByTestId("query-result")).ToHaveAttributeAsync("data-result", "NO_ENCONTRADO");
                }),
                new("Acceso denegado", "/administracion/certificados"),
                new("Página inexistente", "/no-encontrado"),
            ]),
            // After the officer's queries of CI 1234567: the person sees them and opens case 1.
            ("Ciudadano", CitizenMarker,
            [
                new("Mis datos", "/mis-datos", async p => await Expect(p.GetByTestId("dispute-button").First).ToBeVisibleAsync()),
                new("Reclamar una consulta", "/mis-datos", async p =>
                {
                    await p.GetByTestId("dispute-button").First.ClickAsync();
                    await Expect(p.Locator(".mud-dialog")).ToBeVisibleAsync();
                }),
                new("Reclamo enviado", "/mis-datos", async p =>
                {
                    await p.GetByTestId("dispute-button").First.ClickAsync();
                    await new StaffPages(p).ConfirmWithReasonAsync("No autoricé esta consulta a mis datos", "Enviar reclamo");
                    await Expect(p.GetByTestId("case-state").First).ToHaveTextAsync("Abierto");
                }),
            ]),
            ("Administrador de institución", DemoAccounts.BankAdmin,
            [
                new("Inicio", "/"),
                new("Reclamos", "/casos"),
                new("Reclamo", "/casos/1"),
                new("Usuarios finales", "/usuarios-finales"),
                new("Acciones de un usuario final", "/usuarios-finales", async p =>
                {
                    await p.GetByRole(AriaRole.Button, new() { Name = "Acciones de" }).First.ClickAsync();
                    await Expect(p.GetByRole(AriaRole.Menuitem).First).ToBeVisibleAsync();
                }),
                new("Reclamo: respuesta vacía", "/casos/1", async p =>
                {
                    await p.GetByTestId("case-answer").ClickAsync();
                    await Expect(FieldError(p, "Respuesta de la institución")).ToBeVisibleAsync();
                }),
                new("Inhabilitar usuario final sin motivo", "/usuarios-finales", async p =>
                {
                    await p.GetByRole(AriaRole.Button, new() { Name = "Acciones de" }).First.ClickAsync();
                    await p.GetByRole(AriaRole.Menuitem, new() { Name = "Inhabilitar" }).ClickAsync();
                    var dialog = p.GetByRole(AriaRole.Dialog);
                    await dialog.GetByRole(AriaRole.Button, new() { Name = "Inhabilitar", Exact = true }).ClickAsync();
                    await Expect(dialog.Locator(".mud-input-error").First).ToBeVisibleAsync();
                }),
                new("Credenciales", "/credenciales"),
                new("Bitácora", "/bitacora"),
            ]),
            ("Dirección Jurídica", DemoAccounts.Legal,
            [
                new("Inicio", "/"),
                new("Instituciones", "/instituciones"),
                new("Institución", $"/instituciones/{bank}"),
                new("Nueva institución", "/instituciones/nueva"),
                new("Editar institución", $"/instituciones/{bank}/editar"),
                new("Convenios", "/convenios"),
                new("Convenio", $"/convenios/{agreement}"),
                new("Nuevo convenio", "/convenios/nuevo"),
                new("Niveles de acceso", "/niveles"),
                new("Editar nivel", $"/niveles/{level}/editar"),
            ]),
            ("Auditor", DemoAccounts.Auditor,
            [
                new("Inicio", "/"),
                new("Bitácora", "/bitacora"),
                new("Bitácora con resultados", "/bitacora", async p =>
                {
                    await new AuditLogPage(p).SearchByDocumentAsync("1234567");
                    await Expect(p.GetByTestId("audit-total")).ToContainTextAsync("coincide");
                }),
                new("Registro de la bitácora", "/bitacora/registro/1"),
                new("Estadísticas", "/bitacora/estadisticas"),
                new("Historial de cambios", "/historial"),
                new("Historial con fecha ilegible", "/historial", async p =>
                {
                    await p.GetByLabel("Desde").FillAsync("31/02/2026");
                    await p.GetByRole(AriaRole.Button, new() { Name = "Buscar", Exact = true }).ClickAsync();
                    await Expect(FieldError(p, "Filtros del historial")).ToContainTextAsync("La fecha 31/02/2026 no existe en el calendario.");
                    await Expect(p.GetByLabel("Desde")).ToHaveValueAsync("31/02/2026");
                }),
                new("Alertas", "/alertas"),
                new("Alerta", $"/alertas/{alert}"),
                new("Alerta: cierre sin conclusión", $"/alertas/{alert}", async p =>
                {
                    await p.GetByTestId("alert-close").ClickAsync();
                    await Expect(FieldError(p, "Cerrar la alerta")).ToBeVisibleAsync();
                }),
                new("Convenio (solo lectura)", $"/convenios/{agreement}"),
                new("Institución (solo lectura)", $"/instituciones/{bank}"),
                new("Umbrales de las alertas", "/alertas/umbrales"),
                new("Umbral con error", "/alertas/umbrales", async p =>
                {
                    var rule = p.Locator("[data-testid^='umbral-']").First;
                    await rule.Locator("input").First.FillAsync("abc");
                    await rule.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
                    await Expect(rule.Locator(".mud-input-error").First).ToBeVisibleAsync();
                    await Expect(rule.Locator("input").First).ToHaveValueAsync("abc");
                }),
                new("Reclamos", "/casos"),
                new("Reclamo", "/casos/1"),
                new("Reclamo: nota vacía", "/casos/1", async p =>
                {
                    await p.GetByRole(AriaRole.Button, new() { Name = "Agregar nota", Exact = true }).ClickAsync();
                    await Expect(FieldError(p, "Nota de trabajo")).ToBeVisibleAsync();
                }),
            ]),
            ("Administrador SEGIP", DemoAccounts.Admin,
            [
                new("Inicio", "/"),
                new("Certificados emitidos", "/administracion/certificados"),
                new("Credenciales", "/credenciales"),
                new("Seguridad de la cuenta", "/cuenta/seguridad"),
                new("Verificar certificado con sesión", "/verificar"),
                new("Personas protegidas", "/administracion/personas-protegidas"),
                new("Personas protegidas con error", "/administracion/personas-protegidas", async p =>
                {
                    await p.GetByRole(AriaRole.Button, new() { Name = "Agregar", Exact = true }).ClickAsync();
                    await Expect(FieldError(p, "Agregar una persona protegida")).ToBeVisibleAsync();
                }),
                new("Operación", "/operacion"),
                new("Revocar credencial sin motivo", "/credenciales", async p =>
                {
                    await p.GetByRole(AriaRole.Button, new() { Name = "Revocar", Exact = true }).First.ClickAsync();
                    var dialog = p.GetByRole(AriaRole.Dialog);
                    await dialog.GetByRole(AriaRole.Button, new() { Name = "Revocar", Exact = true }).ClickAsync();
                    await Expect(dialog.Locator(".mud-input-error").First).ToBeVisibleAsync();
                }),
            ]),
        ];
    }

    private async Task SweepRoleAsync(string role, string? email, PageState[] states)
    {
        // BypassCSP only here: the app's CSP (rightly) refuses the injected axe script.
        await using var context = await app.Browser.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl, Locale = "es-BO", BypassCSP = true, ViewportSize = new() { Width = 1366, Height = 768 },
        });
        context.SetDefaultTimeout(20_000);
        Assertions.SetDefaultExpectTimeout(20_000);
        var page = await context.NewPageAsync();
        if (email == CitizenMarker) await SignInCitizenAsync(context);
        else if (email is not null) await new LoginPage(page).SignInAsync(email, DemoAccounts.Password);

        foreach (var state in states)
        {
            await page.SetViewportSizeAsync(1366, 768);
            await page.GotoAsync(state.Path);
            await ReadyAsync(page);
            if (state.Act is not null) await state.Act(page);
            foreach (var (width, w, h) in Widths)
            {
                await page.SetViewportSizeAsync(w, h);
                await page.WaitForTimeoutAsync(400); // MudBlazor's breakpoint listener and transitions
                Visited.Add($"{role} · {state.Name} · {width}");
                foreach (var problem in await AxeAsync(page))
                    Accessibility.Add(new(role, state.Name, width, problem));
                foreach (var problem in await LanguageProblemsAsync(page))
                    Language.Add(new(role, state.Name, width, problem));
                if (Environment.GetEnvironmentVariable("SEGIP_SWEEP_SCREENSHOTS") is { Length: > 0 } folder)
                    await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{role}-{state.Name}-{w}.png".Replace(' ', '_').Replace('·', '-')), FullPage = true });
            }
        }
    }

    /// <summary>The first field error (MudBlazor's helper text in error) inside the form with that accessible name.</summary>
    private static ILocator FieldError(IPage page, string form) =>
        page.GetByRole(AriaRole.Form, new() { Name = form }).Locator(".mud-input-error").First;

    /// <summary>Stands for the citizen Juan Carlos (CI 1234567), whose session comes from the app's citizen sign-in, not a password.</summary>
    private const string CitizenMarker = "ciudadano:1234567";

    private async Task SignInCitizenAsync(IBrowserContext context)
    {
        var (_, cookies) = await CitizenSession.SignInAsync(app.App, "1234567");
        var prefix = Web.Auth.CitizenSetup.CitizenCookie + "=";
        var value = cookies.Single(c => c.StartsWith(prefix, StringComparison.Ordinal)).Split(';')[0][prefix.Length..];
        await context.AddCookiesAsync([new Cookie { Name = Web.Auth.CitizenSetup.CitizenCookie, Value = value, Url = app.BaseUrl }]);
    }

    /// <summary>Interactive pages expose a marker once the circuit is up; sign-in pages are static forms.</summary>
    private static async Task ReadyAsync(IPage page)
    {
        await Expect(page.Locator("[data-interactive='true'], [data-static-page='true'], .account-shell").First).ToBeAttachedAsync();
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();
    }

    private async Task<List<string>> AxeAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.AddScriptTagAsync(new() { Content = axeScript });
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa'] } });
              return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' ' + (n.html || '').slice(0, 160) + ' — ' + (n.failureSummary || '').split('\n').slice(1, 2).join('')).join(' | '));
            }
            """);
        return json.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>English texts of the framework layer that must never reach a Spanish-speaking user.</summary>
    public static readonly string[] EnglishStrings =
    [
        "Rows per page", "First page", "Last page", "Next page", "Previous page", "Previous month", "Next month",
        "Not a valid", "Rejoin", "Reconnect", "Loading", "No matching records", "Select all", "Close", "Clear",
        "Required", "Open", "Retry", "Failed", "Increment", "Decrement",
    ];

    /// <summary>Internal codes people must see as labels (codes may only appear in the greyed .code-hint).</summary>
    public static readonly string[] InternalCodes =
    [
        "ENCONTRADO", "NO_ENCONTRADO", "DENEGADO", "DOCUMENTO", "WEB",
        "SERVICIO_WEB", "NivelAcceso", "primerApellido", "segundoApellido", "fechaNacimiento", "CREDENCIAL_INVALIDA",
        "CONVENIO_NO_VIGENTE", "CANAL_NO_PERMITIDO", "USUARIO_FINAL_NO_HABILITADO", "CUOTA_AGOTADA",
        "SOLICITUD_INVALIDA", "CONSENTIMIENTO_REQUERIDO", "OPERACION_NO_PERMITIDA", "BORRADOR", "SUSPENDIDO",
        "RESCINDIDO", "InstitutionAdmin", "SegipAdmin", "SOLICITADA", "ACTIVA", "VENCIDA", "REVOCADA",
    ];

    private static readonly Regex Forbidden = new(
        @"(?<![\w-])(" + string.Join("|", EnglishStrings.Concat(InternalCodes).Select(Regex.Escape)) + @")(?![\w-])" + @"|\b\d{4}-\d{2}-\d{2}\b");

    /// <summary>The visible text plus accessible names (aria-label, title, placeholder, alt), greyed code hints excepted.</summary>
    private static async Task<List<string>> LanguageProblemsAsync(IPage page)
    {
        var text = await page.EvaluateAsync<string>("""
            () => {
              const hints = [...document.querySelectorAll('.code-hint')];
              hints.forEach(h => h.style.display = 'none');
              const visible = document.body.innerText;
              hints.forEach(h => h.style.display = '');
              const names = [...document.querySelectorAll('[aria-label],[title],[placeholder],img[alt]')]
                .filter(e => !e.closest('.code-hint'))
                .map(e => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder'), e.getAttribute('alt')].filter(Boolean).join(' '));
              return visible + '\n' + names.join('\n');
            }
            """);
        return Forbidden.Matches(text).Select(m => Context(text, m)).Distinct().ToList();
    }

    private static string Context(string text, Match m)
    {
        var start = Math.Max(0, m.Index - 30);
        var end = Math.Min(text.Length, m.Index + m.Length + 30);
        return $"«{m.Value}» en «{text[start..end].ReplaceLineEndings(" ")}»";
    }
}
