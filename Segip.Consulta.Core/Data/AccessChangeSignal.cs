using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Data;

/// <summary>
/// A version number bumped whenever something that decides who may query changes (agreements,
/// access levels, end users, institutions, credentials). Caches compare versions instead of
/// guessing, so a suspension refuses the very next query of this instance. The misuse detector's thresholds
/// ride on the same signal (<see cref="Features.Misuse.MisuseThresholdStore"/>): they change rarely, and one
/// mechanism carries the change to every instance.
/// </summary>
public sealed class AccessChangeSignal
{
    private long version;

    public long Version => Interlocked.Read(ref version);

    public void Bump() => Interlocked.Increment(ref version);
}

/// <summary>Bumps <see cref="AccessChangeSignal"/> after any save that touched access-deciding entities.</summary>
public sealed class AccessChangeInterceptor(AccessChangeSignal signal) : BeforeSaveInterceptor
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> pending = new();

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Done(eventData.Context) && IsPostgres(eventData.Context)) PostgresAccessChangeListener.Notify(eventData.Context!);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (Done(eventData.Context) && IsPostgres(eventData.Context)) await PostgresAccessChangeListener.NotifyAsync(eventData.Context!, ct);
        return result;
    }

    /// <summary>Other instances on the same PostgreSQL database hear of the change (<see cref="PostgresAccessChangeListener"/>).</summary>
    private static bool IsPostgres(DbContext? context) => context is PostgresConsultaDbContext;

    private bool Done(DbContext? context)
    {
        if (context is null || !pending.Remove(context)) return false;
        signal.Bump();
        return true;
    }

    // Bumping before and after the save closes the window in which a concurrent reload could read
    // the old rows and cache them under the new version.
    protected override void BeforeSave(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Entity is Agreement or AccessLevel or EndUser or Institution or ApiCredential or MisuseThreshold)
            {
                signal.Bump();
                pending.AddOrUpdate(context, this);
                return;
            }
        }
    }
}
