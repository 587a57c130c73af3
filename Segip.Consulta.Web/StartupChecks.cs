namespace Segip.Consulta.Web;

/// <summary>Production refuses to start with demo data or without the settings a real deployment needs.</summary>
public static class StartupChecks
{
    public static void Validate(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!environment.IsProduction()) return;
        var problems = new List<string>();
        if (configuration.GetValue<bool?>("Seed:Demo") == true)
            problems.Add("Seed:Demo está activado: los datos de demostración no se permiten en Production.");
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("Consulta")))
            problems.Add("Falta ConnectionStrings:Consulta.");
        if (string.IsNullOrWhiteSpace(configuration["Signing:CertificatePath"]))
            problems.Add("Falta Signing:CertificatePath (certificado X.509 del SEGIP).");
        if (string.IsNullOrWhiteSpace(configuration["Credentials:HashKey"]))
            problems.Add("Falta Credentials:HashKey (clave para verificar credenciales del servicio web).");
        if (problems.Count > 0)
            throw new InvalidOperationException("La configuración no es válida para Production:\n - " + string.Join("\n - ", problems));
    }
}
