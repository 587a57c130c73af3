using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;

namespace Segip.Consulta.Core.Data;

/// <summary>
/// Section <c>Database</c> (<c>Provider</c>: Sqlite, SqlServer or Postgres) and the connection string
/// <c>ConnectionStrings:Consulta</c>, which ASP.NET Core keeps in its own section; <see cref="DatabaseSettings"/>
/// is what the app derives from them.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Consulta";

    public string? Provider { get; set; }

    /// <summary>Filled from <c>ConnectionStrings:Consulta</c>.</summary>
    public string? ConnectionString { get; set; }

    public bool TryGetProvider(out DatabaseProvider provider)
    {
        provider = DatabaseProvider.Sqlite;
        return string.IsNullOrWhiteSpace(Provider) || Enum.TryParse(Provider, ignoreCase: true, out provider);
    }
}

public sealed class DatabaseOptionsValidator(HostingRules hosting) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!options.TryGetProvider(out var provider))
            return ValidateOptionsResult.Fail($"Database:Provider «{options.Provider}» no es válido: use Sqlite, SqlServer o Postgres.");
        if (!string.IsNullOrWhiteSpace(options.ConnectionString)) return ValidateOptionsResult.Success;
        // Production never runs on the built-in SQLite file; elsewhere only SQLite has a default.
        if (hosting.IsProduction) return ValidateOptionsResult.Fail("Falta ConnectionStrings:Consulta.");
        if (provider != DatabaseProvider.Sqlite)
            return ValidateOptionsResult.Fail($"Falta ConnectionStrings:Consulta para el proveedor {provider}.");
        return ValidateOptionsResult.Success;
    }
}
