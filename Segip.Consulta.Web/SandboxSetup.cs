using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Features.Sandbox;

namespace Segip.Consulta.Web;

/// <summary>
/// The sandbox deployment (hosting environment <c>Sandbox</c>, see README «Entorno de pruebas»): its own database
/// (by default <c>App_Data/sandbox/consulta.db</c>, never the Development or production one), generated keys when
/// none are configured, and the <see cref="DeploymentMode.Header"/> header on every answer.
/// </summary>
public static class SandboxSetup
{
    public static bool IsSandbox(this IHostEnvironment environment) => environment.IsEnvironment(DeploymentMode.SandboxEnvironment);

    public static DeploymentMode AddSandbox(this WebApplicationBuilder builder)
    {
        var mode = new DeploymentMode(builder.Environment.IsSandbox());
        builder.Services.AddSingleton(mode);
        // The one-command start (dotnet run) serves MudBlazor's and Blazor's files from the build output, as Development
        // does; a published sandbox has them in wwwroot and this finds no manifest.
        if (mode.IsSandbox) builder.WebHost.UseStaticWebAssets();
        // Its own SQLite file unless told otherwise (the folder is created with the database, DatabaseInitializer).
        if (mode.IsSandbox)
        {
            var file = Path.Combine(builder.Environment.ContentRootPath, "App_Data", "sandbox", "consulta.db");
            builder.Services.PostConfigure<DatabaseOptions>(o =>
            {
                if (string.IsNullOrWhiteSpace(o.ConnectionString) && o.TryGetProvider(out var provider) && provider == DatabaseProvider.Sqlite)
                    o.ConnectionString = $"Data Source={file}";
            });
        }
        return mode;
    }

    /// <summary>First in the pipeline: pages, REST, SOAP, PDFs and errors all carry the mark.</summary>
    public static void UseSandboxMark(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<DeploymentMode>().IsSandbox) return;
        app.Use((http, next) =>
        {
            http.Response.Headers[DeploymentMode.Header] = DeploymentMode.HeaderValue;
            return next(http);
        });
    }
}
