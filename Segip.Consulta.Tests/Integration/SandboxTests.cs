using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Credentials;
using Segip.Consulta.Core.Features.Sandbox;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The app in the Sandbox environment (its demo institutions on, as in the one-command local start).</summary>
public class SandboxAppFactory : AppFactory
{
    /// <summary>Another app's SQLite file to start on, instead of a fresh one.</summary>
    public string? ExistingDatabase { get; init; }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["PublicBaseUrl"] = "http://127.0.0.1",
        ["Credentials:CacheSeconds"] = "0",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(DeploymentMode.SandboxEnvironment);
        if (ExistingDatabase is not null) builder.UseSetting("ConnectionStrings:Consulta", $"Data Source={ExistingDatabase}");
    }
}

/// <summary>
/// The sandbox for institutions' developers: synthetic persons answered, every answer and page marked
/// "PRUEBA — sin validez", no monthly quota, institution admins issue and revoke their own credentials, and
/// a database with a person that is not synthetic is refused at start-up.
/// </summary>
[Trait("Category", "Integration")]
public class SandboxTests(SandboxAppFactory app) : IClassFixture<SandboxAppFactory>
{
    [Fact]
    public async Task Answers_synthetic_persons_and_marks_rest_soap_pages_and_certificates()
    {
        var answer = await app.QueryDocumentAsync();
        Assert.Equal(200, answer.Status);
        Assert.Equal("JUAN CARLOS", (string?)answer.Json["persona"]!["nombres"]);
        Assert.Equal(DeploymentMode.HeaderValue, answer.Header(DeploymentMode.Header));

        var refused = await app.QueryDocumentAsync(secret: "secreto-equivocado");
        Assert.Equal(DeploymentMode.HeaderValue, refused.Header(DeploymentMode.Header));

        var soap = await app.SoapAsync("ConsultarDocumento", string.Format(SoapCalls.DocumentBody, "BD-001"));
        Assert.Null(soap.Fault);
        Assert.Equal(DeploymentMode.HeaderValue, soap.Response.Headers.GetValues(DeploymentMode.Header).Single());

        using var http = app.Client();
        var login = await http.GetAsync("/cuenta/ingresar");
        Assert.Contains(DeploymentMode.Mark, System.Net.WebUtility.HtmlDecode(await login.Content.ReadAsStringAsync()));
        Assert.Equal(DeploymentMode.HeaderValue, login.Headers.GetValues(DeploymentMode.Header).Single());
        // The pages work: Blazor's and MudBlazor's files are served outside Development too.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/_framework/blazor.web.js")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/_content/MudBlazor/MudBlazor.min.css")).StatusCode);

        var certificate = await app.CallAsync(HttpMethod.Get, $"/api/v1/consultas/{(string)answer.Json["consultaId"]!}/certificado");
        Assert.Equal(200, certificate.Status);
        Assert.Contains("PRUEBA — sin validez", PdfInspection.Text(await certificate.Response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_monthly_quota_does_not_apply_in_the_sandbox()
    {
        var (clientId, secret, _) = await app.NewInstitutionAsync(quota: 1);
        for (var i = 0; i < 3; i++)
            Assert.Equal(200, (await app.QueryDocumentAsync(clientId: clientId, secret: secret, endUser: "U-1")).Status);
    }

    [Fact]
    public async Task An_institution_admin_issues_and_revokes_its_own_test_credentials_and_no_one_elses()
    {
        var (otherClientId, _, otherId) = await app.NewInstitutionAsync();
        var (_, _, ownId) = await app.NewInstitutionAsync();
        int institutionId;
        await using (var db = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
            institutionId = await db.Credentials.Where(c => c.Id == ownId).Select(c => c.InstitutionId).SingleAsync();
        var admin = new Actor("admin@inst.prueba", new HashSet<string> { Roles.InstitutionAdmin }, institutionId);
        var credentials = app.Get<CredentialService>();

        var requested = await credentials.RequestAsync(admin, institutionId, new CredentialInput { Description = "Sistema de pruebas" });
        var issued = await credentials.IssueAsync(admin, requested.Value!.Id);
        Assert.True(issued.IsOk, issued.Message);
        var call = await app.QueryDocumentAsync(clientId: issued.Value!.Credential.ClientId, secret: issued.Value.Secret, endUser: "U-1");
        Assert.Equal(200, call.Status);
        Assert.True((await credentials.RevokeAsync(admin, requested.Value.Id, "Fin de las pruebas")).IsOk);
        Assert.Equal(401, (await app.QueryDocumentAsync(clientId: issued.Value.Credential.ClientId, secret: issued.Value.Secret, endUser: "U-1")).Status);

        Assert.Equal(ServiceStatus.Forbidden, (await credentials.RevokeAsync(admin, otherId, "No es suya")).Status);
        Assert.Equal(ServiceStatus.Forbidden, (await credentials.RotateAsync(admin, otherId)).Status);
        Assert.NotNull(otherClientId);
    }

    [Fact]
    public async Task Start_up_refuses_a_database_with_a_person_that_is_not_synthetic()
    {
        app.Start();
        await using (var db = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            db.Persons.Add(new Person
            {
                Id = 999, FirstNames = "PERSONA", FirstSurname = "REAL", BirthDate = new DateOnly(1980, 1, 1), Sex = "F",
                Nationality = "BOLIVIANA", SearchName = "REAL PERSONA",
            });
            await db.SaveChangesAsync();
        }
        try
        {
            Assert.Equal("la persona 999 no pertenece al registro sintético", await app.Get<SyntheticRegistryCheck>().FindRealPersonAsync());
            // A second sandbox on this database does not start (the Spanish reason is logged and printed).
            await using var second = new SandboxAppFactory { ExistingDatabase = app.DatabasePath };
            Assert.ThrowsAny<Exception>(() => second.Start());
        }
        finally
        {
            // The shared fixture's other tests keep working on a synthetic-only database.
            await using var db = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
            await db.Persons.Where(p => p.Id == 999).ExecuteDeleteAsync();
        }
    }
}
