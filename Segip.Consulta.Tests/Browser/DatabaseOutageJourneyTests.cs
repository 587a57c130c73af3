using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Npgsql;
using Segip.Consulta.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

/// <summary>
/// The app in Production on PostgreSQL reached through a <see cref="TcpRelay"/>, so a test can take the database
/// away and give it back while the app keeps running.
/// </summary>
public sealed class OutageAppFactory : ProductionAppFactory
{
    private readonly string database;
    public TcpRelay Relay { get; }

    public OutageAppFactory()
    {
        database = TestPostgres.CreateDatabaseAsync().GetAwaiter().GetResult();
        Relay = new TcpRelay(new NpgsqlConnectionStringBuilder(database).Port);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Provider", "Postgres");
        // Short connect timeout: while the relay is cut, connections are refused at once anyway.
        builder.UseSetting("ConnectionStrings:Consulta",
            new NpgsqlConnectionStringBuilder(database) { Port = Relay.Port, Timeout = 3 }.ToString());
        // The test reloads the verification page while it waits for the database: not a brute-force attempt.
        builder.UseSetting("Verification:PermitsPerMinute", "1000");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Relay.Dispose();
        await TestPostgres.DropDatabaseAsync(database);
    }
}

/// <summary>The browser's side of an unreachable database: a Spanish error page, and the app recovering by itself.</summary>
[Trait("Category", "Browser")]
public class DatabaseOutageJourneyTests : IAsyncLifetime
{
    private OutageAppFactory app = default!;
    private readonly BrowserFixture browser = new();

    public async ValueTask InitializeAsync()
    {
        TestPostgres.RequireServer();
        app = new OutageAppFactory();
        app.Start();
        await browser.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        if (app is not null) await app.DisposeAsync();
    }

    /// <summary>Words of ASP.NET Core's, Npgsql's or Blazor's own English pages that a user must never see.</summary>
    private static readonly Regex EnglishFrameworkText = new(
        "Exception|Npgsql|An error (has )?occurred|unhandled|Development Mode|stack trace|Failed to connect|Service Unavailable",
        RegexOptions.IgnoreCase);

    [Fact]
    public async Task Without_its_database_the_browser_gets_a_spanish_error_page_and_then_the_answer_when_it_returns()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        // The browser reaches the app as through the TLS-terminating load balancer (secure cookies, antiforgery).
        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" });
        var notFound = page.GetByRole(AriaRole.Heading, new() { Name = "Certificado no encontrado" });
        var response = await page.GotoAsync("/verificar/ABCD-EFGH-JKMN-PQRS");
        Assert.Equal(200, response!.Status);
        await Expect(notFound).ToBeVisibleAsync();

        app.Relay.Cut();
        response = await page.GotoAsync("/verificar/ABCD-EFGH-JKMN-PQRS");
        Assert.Equal(503, response!.Status);
        Assert.Equal("5", await response.HeaderValueAsync("retry-after"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Servicio no disponible" })).ToBeVisibleAsync();
        await Expect(page.GetByText("No se realizó ninguna consulta")).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync("Error · SEGIP Consulta");
        Assert.DoesNotMatch(EnglishFrameworkText, await page.InnerTextAsync("body"));

        // Signing in needs the database too: the form's answer is the same Spanish page, not a framework error.
        // A plain form post: the build output run in Production does not serve Blazor's script (stack-notes.md).
        await page.GotoAsync("/cuenta/ingresar");
        await page.GetByLabel("Correo electrónico").FillAsync("auditor@segip.gob.bo");
        await page.GetByLabel("Contraseña").FillAsync("Una-Clave-Cualquiera-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Servicio no disponible" })).ToBeVisibleAsync();
        Assert.DoesNotMatch(EnglishFrameworkText, await page.InnerTextAsync("body"));

        // The database returns: no restart, the next reloads get the answer again.
        app.Relay.Restore();
        // Bounded by attempts, not a timing assertion: pooled connections the cut broke are discarded as they fail.
        for (var attempt = 0; attempt < 60; attempt++)
        {
            response = await page.GotoAsync("/verificar/ABCD-EFGH-JKMN-PQRS");
            if (response!.Status == 200) break;
            await Task.Delay(1_000);
        }
        Assert.Equal(200, response!.Status);
        await Expect(notFound).ToBeVisibleAsync();
    }
}
