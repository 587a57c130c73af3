using Microsoft.AspNetCore.Identity;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Audit;

namespace Segip.Consulta.Web.Cli;

/// <summary>
/// The admin commands of docs/operations.md. Each runs against the configured database and returns
/// 0 on success or 1 with a Spanish message on standard error.
/// </summary>
public static class AdminCommands
{
    private static readonly string[] Commands = ["migrate", "create-admin", "verify-audit", "checkpoint-audit", "generate-registry", "import-registry", "backup"];

    public static bool IsCommand(string arg) => Commands.Contains(arg);

    public static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args)
    {
        // Figures printed for operators read as Bolivians write them (1.234.567).
        System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("es-BO");
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("es-BO");
        // Generating a file needs no database.
        if (args[0] == "generate-registry") return await RegistryCommands.GenerateAsync(args);

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        // The same refusals as the web host: a command never runs on settings the app would not start with.
        if (Core.Configuration.SettingsRefusal.Find(app.Services, app.Environment.EnvironmentName) is { } refusal)
            return Fail(refusal);
        // Hosted services do not run for a command, so start the meter provider here: with Telemetry:Otlp set, an
        // import's rows reach the collector (pushed when the command ends and the provider is disposed).
        app.Services.GetService<OpenTelemetry.Metrics.MeterProvider>();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        try
        {
            return args[0] switch
            {
                "migrate" => await MigrateAsync(services),
                "create-admin" => await CreateAdminAsync(services, args),
                "verify-audit" => await VerifyAuditAsync(services),
                "import-registry" => await RegistryCommands.ImportAsync(services, args),
                "checkpoint-audit" => await CheckpointAuditAsync(services),
                "backup" => await BackupAsync(services, args),
                _ => Fail($"Comando desconocido «{args[0]}»."),
            };
        }
        catch (Exception ex)
        {
            return Fail($"El comando «{args[0]}» falló: {ex.Message}");
        }
    }

    private static async Task<int> MigrateAsync(IServiceProvider services)
    {
        var initializer = services.GetRequiredService<DatabaseInitializer>();
        await initializer.MigrateAsync();
        await initializer.SeedReferenceDataAsync();
        Console.WriteLine("Migraciones aplicadas; la base de datos está al día.");
        return 0;
    }

    /// <summary>
    /// Copies the SQLite database with SQLite's online backup, consistent while the app keeps writing. Copying the
    /// file itself would lose the records still in its WAL (<c>consulta.db-wal</c>).
    /// </summary>
    private static async Task<int> BackupAsync(IServiceProvider services, string[] args)
    {
        var outIndex = Array.IndexOf(args, "--out");
        if (outIndex < 0 || outIndex + 1 >= args.Length || string.IsNullOrWhiteSpace(args[outIndex + 1]))
            return Fail("Uso: backup --out ARCHIVO (copia de la base SQLite).");
        var settings = services.GetRequiredService<DatabaseSettings>();
        if (!settings.IsSqlite)
            return Fail("«backup» copia la base SQLite. Con PostgreSQL use copias base con archivo de WAL o pg_dump (README «Producción con PostgreSQL»).");
        var target = Path.GetFullPath(args[outIndex + 1]);
        if (File.Exists(target)) return Fail($"Ya existe {target}: elija otro nombre; una copia nunca se sobrescribe.");
        if (Path.GetDirectoryName(target) is { } folder) Directory.CreateDirectory(folder);

        await using var source = new Microsoft.Data.Sqlite.SqliteConnection(settings.ConnectionString);
        await source.OpenAsync();
        await using (var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={target};Pooling=False"))
        {
            await copy.OpenAsync();
            source.BackupDatabase(copy);
            await using var check = copy.CreateCommand();
            check.CommandText = "PRAGMA quick_check";
            if (await check.ExecuteScalarAsync() is not "ok") return Fail($"La copia {target} no pasó la verificación de integridad.");
            check.CommandText = "SELECT count(*) FROM AuditRecords";
            Console.WriteLine($"Copia de seguridad en {target}: {Convert.ToInt64(await check.ExecuteScalarAsync()):N0} registros de bitácora.");
        }
        return 0;
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider services, string[] args)
    {
        var emailIndex = Array.IndexOf(args, "--email");
        if (emailIndex < 0 || emailIndex + 1 >= args.Length || string.IsNullOrWhiteSpace(args[emailIndex + 1]))
            return Fail("Uso: create-admin --email CORREO (la contraseña se lee de la entrada estándar).");
        var email = args[emailIndex + 1].Trim();

        string? password;
        if (Console.IsInputRedirected) password = Console.In.ReadLine();
        else
        {
            // On a terminal the password is typed without echo.
            Console.Error.Write("Contraseña: ");
            password = HiddenInput.ReadLine(() => Console.ReadKey(intercept: true), Console.Error);
        }
        if (string.IsNullOrEmpty(password)) return Fail("No se recibió una contraseña por la entrada estándar.");

        var initializer = services.GetRequiredService<DatabaseInitializer>();
        await initializer.SeedReferenceDataAsync();
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is not null) return Fail($"Ya existe una cuenta con el correo {email}.");

        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = email, LockoutEnabled = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return Fail("No se pudo crear la cuenta: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.SegipAdmin);
        Console.WriteLine($"Cuenta de Administrador SEGIP creada: {email}");
        return 0;
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider services)
    {
        // The operator at the console acts as the system: whoever can run this already holds the database.
        var result = (await services.GetRequiredService<AuditVerifier>().VerifyAsync(Actor.System)).Value!;
        Console.WriteLine($"Puntos de control firmados verificados: {result.CheckpointsVerified}"
            + (result.LastCheckpointSequence is { } last ? $" (último en la secuencia {last})" : ""));
        if (result.IsIntact)
        {
            Console.WriteLine(result.Message);
            return 0;
        }
        Console.WriteLine($"Registros verificados antes del error: {result.Count}");
        Console.WriteLine($"Primer registro alterado: {result.FirstBadSequence}");
        return Fail(result.Message);
    }

    /// <summary>Signs the chain head now (the running app also does it periodically).</summary>
    private static async Task<int> CheckpointAuditAsync(IServiceProvider services)
    {
        var checkpoint = (await services.GetRequiredService<AuditCheckpointService>().CreateAsync(Actor.System)).Value;
        Console.WriteLine(checkpoint is null
            ? "No hay registros nuevos que firmar: el último punto de control ya cubre la cabeza de la cadena."
            : $"Punto de control firmado en la secuencia {checkpoint.Sequence}.");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
