using Microsoft.Data.Sqlite;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>An app whose audit log cannot be written: the web service must disclose nothing and say so without internals.</summary>
[Trait("Category", "Integration")]
public class WebServiceFailureTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Audit_failure_gives_500_error_interno_with_correlation_id_and_no_stack_trace()
    {
        app.Start();
        await using (var connection = new SqliteConnection($"Data Source={app.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE AuditRecords RENAME TO AuditRecordsHidden";
            await command.ExecuteNonQueryAsync();
        }

        var answer = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento", correlationId: "fallo-1",
            body: new { tipoDocumento = "CI", numeroDocumento = "1234567", finalidad = WebServiceClient.Purpose });

        Assert.Equal((500, "ERROR_INTERNO"), (answer.Status, answer.Code));
        Assert.Equal("fallo-1", (string?)answer.Json["correlationId"]);
        Assert.DoesNotContain("JUAN", answer.Text);
        Assert.DoesNotContain("Exception", answer.Text);
        Assert.DoesNotContain(" at ", answer.Text);
    }
}
