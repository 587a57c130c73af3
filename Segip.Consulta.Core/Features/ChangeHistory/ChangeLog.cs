using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Core.Features.ChangeHistory;

/// <summary>
/// Records staff changes (who, when, what, before → after) in the same unit of work as the change
/// itself: the caller's single <c>SaveChanges</c> commits both or neither. A new entity whose history
/// row needs its generated key goes through <see cref="SaveNewAsync{TEntity}"/> instead.
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

    /// <summary>
    /// Inserts a new entity and the history row of its creation atomically. The row names the entity by
    /// its generated key, which exists only after the insert, so both saves share one transaction; the
    /// whole unit runs again from a clean tracker where the provider retries transient failures.
    /// </summary>
    /// <param name="create">Builds the entity (called once per attempt).</param>
    /// <param name="recordCreation">Adds the history row, see <see cref="Add"/>, once the key is known.</param>
    public async Task<TEntity> SaveNewAsync<TEntity>(ConsultaDbContext db, Func<TEntity> create,
        Func<TEntity, Task> recordCreation, CancellationToken ct) where TEntity : class
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async cancel =>
        {
            db.ChangeTracker.Clear();
            var entity = create();
            db.Add(entity);
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            await db.SaveChangesAsync(cancel);
            await recordCreation(entity);
            await db.SaveChangesAsync(cancel);
            await transaction.CommitAsync(cancel);
            return entity;
        }, ct);
    }
}
