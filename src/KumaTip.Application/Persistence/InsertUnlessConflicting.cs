using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace KumaTip.Application.Persistence;

/// <summary>
/// <c>INSERT ... ON CONFLICT DO NOTHING</c> for one entity, the same statement on PostgreSQL and SQLite: for a row that
/// concurrent requests may both create (a task for the same work, a cache entry for the same observable). With
/// <c>SaveChanges</c> the loser's unique-index violation is an exception, which EF Core logs at Error with a stack
/// trace although the race is expected and the loser simply joins the winner.
/// </summary>
public static class InsertUnlessConflicting
{
    /// <summary>
    /// Inserts the entity's row unless a unique index already holds its key; true when inserted, and the entity is then
    /// tracked as unchanged, as after <c>SaveChanges</c>. Only for an entity whose values are all set by the application
    /// (no database-generated columns). Changes already pending in the context (an audit entry) are saved first, as
    /// <c>SaveChanges</c> would have saved them with the row.
    /// </summary>
    public static async Task<bool> InsertUnlessConflictingAsync<TEntity>(this DbContext db, TEntity entity, CancellationToken ct)
        where TEntity : class
    {
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }

        await using var factory = db.Database.GetDbConnection().CreateCommand(); // only makes the provider's parameters
        var (statement, parameters) = Statement(db, entity, factory);
        var inserted = await db.Database.ExecuteSqlRawAsync(statement, parameters, ct) == 1;
        if (inserted)
        {
            db.Attach(entity);
        }

        return inserted;
    }

    /// <summary>The statement itself, for a <see cref="SqlBatch"/>; <paramref name="factory"/> makes its parameters.</summary>
    public static (string Sql, DbParameter[] Parameters) Statement<TEntity>(DbContext db, TEntity entity, DbCommand factory)
        where TEntity : class
    {
        var entityType = db.Model.FindEntityType(typeof(TEntity))!;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var parameters = columns.Select((column, i) => column.GetRelationalTypeMapping().CreateParameter(
            factory, sql.GenerateParameterName($"p{i}"), column.GetGetter().GetClrValueUsingContainingEntity(entity), column.IsNullable)).ToArray();
        var statement = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} "
                        + $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) "
                        + $"VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))}) ON CONFLICT DO NOTHING";
        return (statement, parameters);
    }
}
