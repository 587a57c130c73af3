using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>
/// The digest of the personal data an answer delivered (<see cref="AuditRecord.AnswerSha256"/>): SHA-256 of the UTF-8
/// bytes of a canonical JSON text of that data, the same whatever the channel (web page, REST, SOAP, certificate PDF),
/// so an auditor holding a copy of the data can rebuild the text and compare:
/// <list type="bullet">
/// <item>document, name and certificate answers: <c>{"personas":[{"campos":{CODE:VALUE,…},"complemento":"…","numero":"…","tipo":"CI"},…]}</c>,
/// persons in the order delivered, each with the level's fields (contract codes) and their values;</item>
/// <item>verification (contrastación): <c>{"coincidencias":{CODE:true|false,…},"estadoDocumento":"VIGENTE"}</c>.</item>
/// </list>
/// Canonical as in RFC 8785 (JCS) for the only value types used (strings, booleans, null): no whitespace, object keys
/// sorted by UTF-16 code units, strings escaping only <c>"</c>, <c>\</c> and control characters
/// (<c>\b \f \n \r \t</c>, otherwise <c>\u00xx</c> in lower case). Dates are the answer's <c>yyyy-MM-dd</c> text,
/// photographs and signatures their base64 text. No data delivered (refusal, not found): no digest.
/// </summary>
public static class AnswerDigest
{
    public static byte[]? Of(IReadOnlyList<DisclosedPerson> persons) => persons.Count == 0 ? null : Hash(Canonical(persons));

    public static byte[] Of(IReadOnlyDictionary<string, bool> matches, DocumentStatus status) => Hash(Canonical(matches, status));

    public static string Canonical(IReadOnlyList<DisclosedPerson> persons)
    {
        var json = new StringBuilder("{\"personas\":[");
        for (var i = 0; i < persons.Count; i++)
        {
            var p = persons[i];
            if (i > 0) json.Append(',');
            json.Append("{\"campos\":{");
            var first = true;
            foreach (var field in p.Fields.OrderBy(f => f.Code, StringComparer.Ordinal))
            {
                if (!first) json.Append(',');
                first = false;
                String(json, field.Code).Append(':');
                Value(json, field.Value);
            }
            json.Append("},\"complemento\":");
            String(json, p.Complement).Append(",\"numero\":");
            String(json, p.DocumentNumber).Append(",\"tipo\":");
            String(json, p.DocumentType.ToCode()).Append('}');
        }
        return json.Append("]}").ToString();
    }

    public static string Canonical(IReadOnlyDictionary<string, bool> matches, DocumentStatus status)
    {
        var json = new StringBuilder("{\"coincidencias\":{");
        var first = true;
        foreach (var (code, match) in matches.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (!first) json.Append(',');
            first = false;
            String(json, code).Append(':').Append(match ? "true" : "false");
        }
        json.Append("},\"estadoDocumento\":");
        return String(json, status.ToCode()).Append('}').ToString();
    }

    private static byte[] Hash(string canonical) => SHA256.HashData(Encoding.UTF8.GetBytes(canonical));

    private static void Value(StringBuilder json, object? value)
    {
        switch (value)
        {
            case null: json.Append("null"); break;
            case bool b: json.Append(b ? "true" : "false"); break;
            case string s: String(json, s); break;
            case IFormattable f: String(json, f.ToString(null, CultureInfo.InvariantCulture)); break;
            default: String(json, value.ToString() ?? ""); break;
        }
    }

    private static StringBuilder String(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case < ' ': json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }
        return json.Append('"');
    }
}
