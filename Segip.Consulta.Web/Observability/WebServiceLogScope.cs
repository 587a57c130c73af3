using System.Collections;
using System.Globalization;

namespace Segip.Consulta.Web.Observability;

/// <summary>
/// The log scope of one web-service call: its correlation id from the start, the institution and credential once
/// the caller is authenticated. Every entry logged during the call carries them (JSON: under "Scopes"); the
/// scope holds identifiers only, never the person asked about.
/// </summary>
public sealed class WebServiceLogScope(string correlationId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string ItemKey = "segip.logScope";

    public string CorrelationId { get; } = correlationId;
    public int? InstitutionId { get; private set; }
    public string? ClientId { get; private set; }

    public static WebServiceLogScope Begin(HttpContext http, string correlationId)
    {
        var scope = new WebServiceLogScope(correlationId);
        http.Items[ItemKey] = scope;
        return scope;
    }

    /// <summary>Called when the credential is accepted: later entries name the institution.</summary>
    public static void SetCaller(HttpContext http, int institutionId, string clientId)
    {
        if (http.Items.TryGetValue(ItemKey, out var o) && o is WebServiceLogScope scope)
        {
            scope.InstitutionId = institutionId;
            scope.ClientId = clientId;
        }
    }

    private KeyValuePair<string, object?>[] Pairs =>
    [
        new("CorrelationId", CorrelationId),
        new("InstitutionId", InstitutionId),
        new("ClientId", ClientId),
    ];

    public int Count => 3;
    public KeyValuePair<string, object?> this[int index] => Pairs[index];
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)Pairs).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>What the plain console formatter prints for the scope.</summary>
    public override string ToString() => InstitutionId is { } id
        ? $"correlación {CorrelationId}, institución {id.ToString(CultureInfo.InvariantCulture)}, credencial {ClientId}"
        : $"correlación {CorrelationId}";
}
