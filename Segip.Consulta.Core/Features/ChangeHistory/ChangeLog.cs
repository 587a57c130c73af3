using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Core.Features.ChangeHistory;

/// <summary>
/// Records staff changes (who, when, what, before → after) in the same unit of work as the change
/// itself: the caller's <c>SaveChanges</c> commits both or neither.
/// </summary>
public sealed class ChangeLog(TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public ChangeRecord Add(ConsultaDbContext db, Actor actor, string entityType, string entityId, string action,
        int? institutionId, object? before, object? after)
    {
        var record = new ChangeRecord
        {
            TimestampUtc = time.GetUtcNow().UtcDateTime,
            UserName = actor.Name,
            EntityType = entityType,
            EntityId = entityId,
            Action = action,
            InstitutionId = institutionId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        };
        db.ChangeRecords.Add(record);
        return record;
    }
}
