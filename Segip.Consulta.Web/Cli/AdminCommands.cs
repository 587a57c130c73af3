using Microsoft.AspNetCore.Identity;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;

namespace Segip.Consulta.Web.Cli;

/// <summary>
/// The admin commands of operations.md. Each runs against the configured database and returns
/// 0 on success or 1 with a Spanish message on standard error.
/// </summary>
public static class AdminCommands
{
    private static readonly string[] Commands = ["migrate", "create-admin", "verify-audit", "checkpoint-audit", "generate-registry", "import-registry"];

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
        var result = await services.GetRequiredService<AuditVerifier>().VerifyAsync();
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
        var checkpoint = await services.GetRequiredService<AuditCheckpointService>().CreateAsync();
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
