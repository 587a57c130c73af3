using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Segip.Consulta.Core.Data;

/// <summary>
/// The services search with <c>EF.Functions.Like</c>, which is case-insensitive on SQLite and on SQL Server's
/// default collation but case-sensitive on PostgreSQL. On PostgreSQL every such call becomes <c>ILIKE</c>, so a
/// search for "banco" finds "Banco Demo S.A." on every provider.
/// </summary>
public sealed class PostgresLikeInterceptor : IQueryExpressionInterceptor
{
    public static readonly PostgresLikeInterceptor Instance = new();

    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like),
        [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(nameof(NpgsqlDbFunctionsExtensions.ILike),
        [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly MethodInfo LikeNoEscape = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like),
        [typeof(DbFunctions), typeof(string), typeof(string)])!;

    private static readonly MethodInfo ILikeNoEscape = typeof(NpgsqlDbFunctionsExtensions).GetMethod(nameof(NpgsqlDbFunctionsExtensions.ILike),
        [typeof(DbFunctions), typeof(string), typeof(string)])!;

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData) =>
        new Rewriter().Visit(queryExpression);

    private sealed class Rewriter : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var visited = (MethodCallExpression)base.VisitMethodCall(node);
            if (visited.Method == Like) return Expression.Call(ILike, visited.Arguments);
            if (visited.Method == LikeNoEscape) return Expression.Call(ILikeNoEscape, visited.Arguments);
            return visited;
        }
    }
}
