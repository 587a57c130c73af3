using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Segip.Consulta.Core.Configuration;
using Segip.Consulta.Web;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// Every settings section is checked when the app starts: a value that would break it (a limit of zero, a negative
/// interval, single sign-on without a client id) stops the start with one Spanish message naming the key, before
/// anything is served. The web host is built as Program.cs builds it, never run.
/// </summary>
[Trait("Category", "Integration")]
public class SettingsStartupTests
{
    [Fact]
    public void The_defaults_start()
    {
        Assert.Null(RefusalOf(new Dictionary<string, string?>()));
    }

    [Fact]
    public void Values_that_would_break_the_app_are_refused_at_start_by_name()
    {
        var refusal = RefusalOf(new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = "https://sso.segip.gob.bo/realms/segip",
            ["Authentication:Ciudadania:Authority"] = "http://ciudadania.example",
            ["Authentication:Ciudadania:ClientId"] = "consulta",
            ["Limits:MaxRequestBodyKilobytes"] = "0",
            ["Limits:RequestBodyGraceSeconds"] = "1",
            ["Api:RateLimit:PermitLimit"] = "0",
            ["Api:FailedCredentials:WindowSeconds"] = "-5",
            ["HealthChecks:CertificateWarningDays"] = "-1",
            ["Audit:Checkpoints:IntervalMinutes"] = "0",
            ["Audit:Exports:BackgroundThreshold"] = "0",
            ["Misuse:PollSeconds"] = "0",
            ["Misuse:Enumeration:NotFoundShare"] = "1.5",
            ["Disputes:MaxPerDay"] = "0",
        });

        Assert.NotNull(refusal);
        Assert.StartsWith("La configuración no es válida para Development:", refusal);
        Assert.Contains("Falta Authentication:Oidc:ClientId: el proveedor está activado (Authority) y no sabría qué aplicación ingresa.", refusal);
        Assert.Contains("Authentication:Ciudadania:Authority «http://ciudadania.example» debe usar https", refusal);
        Assert.Contains("Limits:MaxRequestBodyKilobytes «0» debe ser al menos 1.", refusal);
        Assert.Contains("Limits:RequestBodyGraceSeconds «1» debe ser al menos 2.", refusal);
        Assert.Contains("Api:RateLimit:PermitLimit «0» debe ser al menos 1.", refusal);
        Assert.Contains("Api:FailedCredentials:WindowSeconds «-5» debe ser al menos 1.", refusal);
        Assert.Contains("HealthChecks:CertificateWarningDays «-1» debe ser al menos 0.", refusal);
        Assert.Contains("Audit:Checkpoints:IntervalMinutes «0» debe ser al menos 1.", refusal);
        Assert.Contains("Audit:Exports:BackgroundThreshold «0» debe ser al menos 1.", refusal);
        Assert.Contains("Misuse:PollSeconds «0» debe ser al menos 1.", refusal);
        Assert.Contains("Misuse:Enumeration:NotFoundShare «1.5» debe estar entre 0.05 y 1.", refusal);
        Assert.Contains("Disputes:MaxPerDay «0» debe ser al menos 1.", refusal);
    }

    private static string? RefusalOf(Dictionary<string, string?> settings)
    {
        var folder = Directory.CreateTempSubdirectory("segip-settings-").FullName;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                EnvironmentName = "Development", ContentRootPath = folder, ApplicationName = typeof(WebSetup).Assembly.GetName().Name,
            });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.AddConsultaWeb();
            using var app = builder.Build();
            return SettingsRefusal.Find(app.Services, app.Environment.EnvironmentName);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
