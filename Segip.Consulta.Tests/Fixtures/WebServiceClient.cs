using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Credentials;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>A raw HTTP answer of the web service: status, headers, body text and the body parsed as JSON.</summary>
public sealed record WebServiceAnswer(HttpResponseMessage Response, string Text)
{
    public int Status => (int)Response.StatusCode;
    public JsonNode Json => JsonNode.Parse(Text)!;
    public string? Code => Json["code"]?.GetValue<string>();
    public string? Header(string name) => Response.Headers.TryGetValues(name, out var v) ? v.First()
        : Response.Content.Headers.TryGetValues(name, out var c) ? c.First() : null;
}

/// <summary>Calls the running app's REST web service as an institution's system would; each answer is checked against the OpenAPI document.</summary>
public static class WebServiceClient
{
    public const string Purpose = "Apertura de cuenta de ahorro";

    public static async Task<WebServiceAnswer> CallAsync(this AppFactory app, HttpMethod method, string path,
        string? clientId = "demo-banco", string? secret = "Demo-Banco-2026", string? endUser = "BD-001", object? body = null,
        string? rawBody = null, string? correlationId = null)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(method, path);
        if (clientId is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        if (endUser is not null) request.Headers.Add("X-Usuario-Final", endUser);
        if (correlationId is not null) request.Headers.Add("X-Correlation-Id", correlationId);
        var text = rawBody ?? (body is null ? null : JsonSerializer.Serialize(body));
        if (text is not null) request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        var response = await client.SendAsync(request);
        var answer = new WebServiceAnswer(response, await response.Content.ReadAsStringAsync());
        // Every answer the tests see must be one the published OpenAPI document describes.
        await OpenApiConformance.AssertConformsAsync(app, method, path, response, answer.Text);
        return answer;
    }

    public static Task<WebServiceAnswer> QueryDocumentAsync(this AppFactory app, string number = "1234567",
        string clientId = "demo-banco", string secret = "Demo-Banco-2026", string endUser = "BD-001", string? consent = null) =>
        app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento", clientId, secret, endUser,
            new { tipoDocumento = "CI", numeroDocumento = number, finalidad = Purpose, referenciaConsentimiento = consent });

    public static async Task<AuditRecord> AuditRecordAsync(this AppFactory app, string queryId)
    {
        var id = Guid.Parse(queryId);
        await using var db = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        return await db.AuditRecords.AsNoTracking().SingleAsync(r => r.QueryId == id);
    }

    /// <summary>
    /// A fresh institution with its own agreement (level BASICO unless told), enabled end user "U-1" and an
    /// issued credential, so a test can change what it likes without touching the shared demo data.
    /// </summary>
    public static async Task<(string ClientId, string Secret, int CredentialId)> NewInstitutionAsync(this AppFactory app,
        Channels channels = Channels.Web | Channels.WebService, int? quota = null, string? credentialIps = null)
    {
        var name = "Inst-" + Guid.NewGuid().ToString("N")[..8];
        await using (var db = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            var level = await db.AccessLevels.FirstAsync(l => l.Code == StandardAccessLevels.Basico && l.IsCurrent);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var institution = new Institution { Name = name, Acronym = name[5..], CreatedUtc = DateTime.UtcNow };
            institution.Agreements.Add(new Agreement
            {
                Number = "CONV-" + name, ValidFrom = today.AddYears(-1), ValidTo = today.AddYears(1), AccessLevelId = level.Id,
                Channels = channels, MonthlyQuota = quota, Status = AgreementStatus.InForce, CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
            });
            institution.EndUsers.Add(new EndUser { Code = "U-1", DocumentNumber = "1111111", FullName = "USUARIO DE PRUEBA", IsEnabled = true, CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow });
            db.Institutions.Add(institution);
            await db.SaveChangesAsync();
            var credentials = app.Get<CredentialService>();
            var requested = await credentials.RequestAsync(Core.Features.Accounts.Actor.System, institution.Id, new CredentialInput { IpAllowlist = credentialIps });
            var issued = await credentials.IssueAsync(Core.Features.Accounts.Actor.System, requested.Value!.Id);
            return (issued.Value!.Credential.ClientId, issued.Value.Secret, requested.Value.Id);
        }
    }
}
