using Segip.Consulta.Core.Data;

namespace Segip.Consulta.Web;

/// <summary>
/// Outside Development the app refuses to start without the settings a real deployment needs (the
/// verification link's base, the Data Protection certificate); Production also refuses demo data and
/// a missing database, signing certificate or credential key. The sandbox needs only <c>PublicBaseUrl</c>.
/// </summary>
public static class StartupChecks
{
    public static void Validate(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment()) return;
        var problems = new List<string>();
        if (environment.IsProduction())
        {
            if (configuration.GetValue<bool?>("Seed:Demo") == true)
                problems.Add("Seed:Demo está activado: los datos de demostración no se permiten en Production.");
            if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("Consulta")))
                problems.Add("Falta ConnectionStrings:Consulta.");
            if (string.IsNullOrWhiteSpace(configuration["Signing:CertificatePath"]))
                problems.Add("Falta Signing:CertificatePath (certificado X.509 del SEGIP).");
            if (string.IsNullOrWhiteSpace(configuration["Credentials:HashKey"]))
                problems.Add("Falta Credentials:HashKey (clave para verificar credenciales del servicio web).");
        }
        // The link printed in certificates and their QR codes must never come from a request's Host header.
        if (!Uri.TryCreate(configuration["PublicBaseUrl"], UriKind.Absolute, out var publicBase) || publicBase.Scheme is not ("https" or "http"))
            problems.Add("Falta PublicBaseUrl (dirección pública de la app, p. ej. https://consulta.segip.gob.bo, para los enlaces de verificación).");
        // The sandbox holds no real data: its Data Protection keys may stay unencrypted (recommended all the same).
        if (!environment.IsSandbox() && string.IsNullOrWhiteSpace(configuration[DataProtectionKeyEncryption.CertificatePathSetting]))
            problems.Add($"Falta {DataProtectionKeyEncryption.CertificatePathSetting} (certificado que cifra las claves de Data Protection en la base de datos).");
        if (problems.Count > 0)
            throw new InvalidOperationException($"La configuración no es válida para {environment.EnvironmentName}:\n - " + string.Join("\n - ", problems));
    }
}
