using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace KumaTip.Application.Persistence;

/// <summary>
/// Statements sent to the database in one round trip where the provider batches (Npgsql's <see cref="DbBatch"/>), one
/// after the other where it does not (SQLite, which is in the process and has no round trip to save), in the context's
/// current transaction. Each statement's row count is read back, so conditional statements can say which held.
/// </summary>
/// <remarks>
/// For a hot path whose statements are few and fixed, where EF Core would send each <c>ExecuteUpdate</c> on its own.
/// Values become parameters through the provider's own type mappings, so a value is stored as EF Core stores it
/// (a <see cref="Guid"/> as SQLite's text, a <see cref="DateOnly"/> as PostgreSQL's date).
/// </remarks>
public sealed class SqlBatch(DbContext db) : IAsyncDisposable
{
    private readonly IRelationalTypeMappingSource _mappings = db.GetService<IRelationalTypeMappingSource>();
    private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();
    private readonly List<(string Sql, DbParameter[] Parameters)> _statements = [];
    private DbCommand? _factory;

    /// <summary>Whether the statements go to PostgreSQL (where, say, a NOTIFY means something).</summary>
    public bool OnPostgres => db.Database.IsNpgsql();

    /// <summary>Adds a statement; each interpolated value becomes a parameter (an enum its number).</summary>
    public SqlBatch Add(FormattableString statement)
    {
        var names = new object[statement.ArgumentCount];
        var parameters = new DbParameter[statement.ArgumentCount];
        for (var i = 0; i < statement.ArgumentCount; i++)
        {
            var value = statement.GetArgument(i) is Enum member ? Convert.ToInt32(member, CultureInfo.InvariantCulture) : statement.GetArgument(i);
            var name = _sql.GenerateParameterName($"b{_statements.Count}_{i}");
            parameters[i] = _mappings.GetMappingForValue(value).CreateParameter(ParameterFactory(), name, value);
            names[i] = name;
        }

        _statements.Add((string.Format(CultureInfo.InvariantCulture, statement.Format, names), parameters));
        return this;
    }

    /// <summary>Adds the entity's INSERT, skipped on a conflict (<see cref="InsertUnlessConflicting"/>); the entity is not tracked.</summary>
    public SqlBatch AddInsertUnlessConflicting<TEntity>(TEntity entity)
        where TEntity : class
    {
        _statements.Add(InsertUnlessConflicting.Statement(db, entity, ParameterFactory()));
        return this;
    }

    /// <summary>Runs the statements in order and returns each one's row count.</summary>
    public async Task<int[]> ExecuteAsync(CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (!connection.CanCreateBatch)
        {
            var counts = new int[_statements.Count];
            for (var i = 0; i < _statements.Count; i++)
            {
                counts[i] = await db.Database.ExecuteSqlRawAsync(_statements[i].Sql, _statements[i].Parameters, ct);
            }

            return counts;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (text, parameters) in _statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = text;
                command.Parameters.AddRange(parameters);
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(ct);
            return [.. batch.BatchCommands.Select(command => command.RecordsAffected)];
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public ValueTask DisposeAsync() => _factory?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>A command of the provider, which only makes the parameters (SQLite has no batch command to make them).</summary>
    private DbCommand ParameterFactory() => _factory ??= db.Database.GetDbConnection().CreateCommand();
}
