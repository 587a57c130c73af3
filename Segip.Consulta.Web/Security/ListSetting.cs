namespace Segip.Consulta.Web.Security;

/// <summary>
/// A list setting read the two ways operators write it: indexed entries (a JSON array, or <c>Section__Key__0</c>) or one
/// comma-separated string (<c>ClientCertificates__TrustedProxies=10.0.0.0/8, 192.168.1.10</c>), which the configuration
/// binder alone leaves empty — and an empty proxy list means "trust no one", a silent surprise.
/// </summary>
public static class ListSetting
{
    public static string[] Read(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var entries = section.GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToArray();
        return entries.Length > 0 ? entries : (section.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
