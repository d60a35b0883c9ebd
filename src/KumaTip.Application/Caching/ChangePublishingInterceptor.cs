using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KumaTip.Application.Caching;

/// <summary>
/// Publishes the topics a SaveChanges touched once it succeeded, so no feature has to remember to invalidate
/// in-memory copies. Changes made with ExecuteUpdate/ExecuteDelete bypass it: their callers publish themselves.
/// </summary>
public sealed class ChangePublishingInterceptor(ChangePublisher publisher) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Saved(eventData.Context) is { } topics)
        {
            publisher.Publish(eventData.Context!, topics);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Saved(eventData.Context) is { } topics)
        {
            await publisher.PublishAsync(eventData.Context!, topics, cancellationToken);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var topics = context.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(ChangeTopics.Of).OfType<ChangeTopic>().ToList();
        lock (_pending)
        {
            var pending = _pending.GetOrCreateValue(context);
            pending.Saving = true;
            pending.Topics.UnionWith(topics);
        }
    }

    /// <summary>
    /// The topics to publish now. Inside an explicit transaction they also stay pending, so its commit raises them
    /// again locally: a copy read before the commit (still the old data) must not outlive it. (SaveChanges' own
    /// transaction commits before this runs, which is why commits during a save are ignored.)
    /// </summary>
    private HashSet<ChangeTopic>? Saved(DbContext? context)
    {
        if (context is null)
        {
            return null;
        }

        lock (_pending)
        {
            if (!_pending.TryGetValue(context, out var pending))
            {
                return null;
            }

            pending.Saving = false;
            var topics = pending.Topics.ToHashSet();
            if (context.Database.CurrentTransaction is null)
            {
                pending.Topics.Clear();
            }

            return topics.Count > 0 ? topics : null;
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        HashSet<ChangeTopic> topics;
        lock (_pending)
        {
            if (!_pending.TryGetValue(context, out var pending) || pending.Saving || pending.Topics.Count == 0)
            {
                return;
            }

            topics = pending.Topics.ToHashSet();
            pending.Topics.Clear();
        }

        publisher.RaiseLocally(topics);
    }

    private void Failed(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        lock (_pending)
        {
            if (_pending.TryGetValue(context, out var pending))
            {
                pending.Saving = false;
                if (context.Database.CurrentTransaction is null)
                {
                    pending.Topics.Clear();
                }
            }
        }
    }

    private sealed class Pending
    {
        public HashSet<ChangeTopic> Topics { get; } = [];

        public bool Saving { get; set; }
    }
}
