using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>
/// The real application on Kestrel at 127.0.0.1 (random port), in Development with its demo data,
/// over a fresh SQLite file (or a fresh PostgreSQL database, <see cref="PostgresAppFactory"/>). Browser and HTTP
/// tests talk to <see cref="BaseUrl"/>.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "segip-tests", "app-" + Guid.NewGuid().ToString("N"));
    public string DatabasePath => Path.Combine(Folder, "consulta.db");
    public string BaseUrl { get; private set; } = "";

    /// <summary>The database engine the app runs on.</summary>
    protected virtual Engine Engine => Engine.Sqlite;
    /// <summary>Where this app's errors go when scripts/test.sh keeps a server log.</summary>
    private ServerErrorLog? errorLog;
    /// <summary>The PostgreSQL database made for this app, dropped on dispose.</summary>
    private string? postgres;

    /// <summary>Extra configuration for a test class (e.g. OIDC settings).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public AppFactory()
    {
        Directory.CreateDirectory(Folder);
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        if (Engine == Engine.Postgres)
        {
            // The host is built synchronously; creating the database copies a template and takes well under a second.
            postgres ??= TestPostgres.CreateDatabaseAsync().GetAwaiter().GetResult();
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Consulta", postgres);
        }
        else
            builder.UseSetting("ConnectionStrings:Consulta", $"Data Source={DatabasePath}");
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting("Seed:Persons", "300");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var (k, v) in Settings) builder.UseSetting(k, v);
        errorLog = ServerErrorLog.FromEnvironment($"{GetType().Name}[{Path.GetFileName(Folder)[4..12]}]");
        if (errorLog is { } errors)
            builder.ConfigureServices(s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(errors));
    }

    /// <summary>Starts Kestrel once and returns the address it listens on.</summary>
    public string Start()
    {
        if (BaseUrl.Length > 0) return BaseUrl;
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").TrimEnd('/');
        return BaseUrl;
    }

    /// <summary>A client of the running Kestrel server (the in-memory test server is not used).</summary>
    public HttpClient Client(bool followRedirects = false)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true };
        return new HttpClient(handler) { BaseAddress = new Uri(Start()) };
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public override async ValueTask DisposeAsync()
    {
        errorLog?.Close();
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgres is not null) await TestPostgres.DropDatabaseAsync(postgres);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The app in Development over a fresh database on the test run's PostgreSQL server.</summary>
public class PostgresAppFactory : AppFactory
{
    protected override Engine Engine => Engine.Postgres;
}
