namespace Segip.Consulta.Core.Common;

/// <summary>
/// A LIKE pattern for "contains", with wildcards in the user's text escaped. LIKE is case-insensitive
/// on SQLite (ASCII) and on SQL Server's default collation, unlike string.Contains on SQLite.
/// </summary>
public static class SearchPattern
{
    public const string Escape = "\\";

    public static string Contains(string text) =>
        "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_").Replace("[", "\\[") + "%";
}
