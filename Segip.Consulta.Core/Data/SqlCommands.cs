using System.Data.Common;

namespace Segip.Consulta.Core.Data;

/// <summary>Parameterised ADO.NET commands for the bulk paths (audit appends, registry loads) that bypass EF Core.</summary>
public static class SqlCommands
{
    /// <summary>
    /// <c>INSERT INTO "table" ("a", "b") VALUES (@a, @b)</c>. Names are quoted: PostgreSQL folds unquoted names to
    /// lower case, and SQLite and SQL Server accept the standard double quotes too.
    /// </summary>
    public static string Insert(string table, IReadOnlyList<string> columns) =>
        $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";

    /// <summary>A table or column name in standard SQL double quotes.</summary>
    public static string Quote(string name) => "\"" + name + "\"";

    /// <summary>A command in the transaction with one parameter per name, in order, to be bound by index.</summary>
    public static DbCommand Prepare(DbConnection conn, DbTransaction tx, string sql, IReadOnlyList<string> parameters)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var name in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + name;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }
}
