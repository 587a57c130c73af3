using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Data;

/// <summary>
/// Stamps <see cref="ICreationStamped.CreatedUtc"/> on insert and <see cref="IUpdateStamped.UpdatedUtc"/> on
/// insert and update, from the injected clock, so no service writes (or forgets) a stamp by hand.
/// </summary>
public sealed class TimestampInterceptor(TimeProvider time) : BeforeSaveInterceptor
{
    protected override void BeforeSave(DbContext context)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Entries() runs change detection first, so an entity changed only through its properties counts as modified.
        foreach (var entry in context.ChangeTracker.Entries<ICreationStamped>())
        {
            if (entry.State == EntityState.Added) entry.Entity.CreatedUtc = now;
            if (entry.State is EntityState.Added or EntityState.Modified && entry.Entity is IUpdateStamped updated) updated.UpdatedUtc = now;
        }
    }
}
