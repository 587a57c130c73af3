namespace Segip.Consulta.Web.Auth;

/// <summary>Open-redirect guard: after sign-in the browser only goes to a path of this site.</summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        // Printable ASCII only: anything else cannot go into a Location header as it is (Kestrel would
        // answer 500), and a legitimate return address of this site is always ASCII (escaped).
        && url.All(c => c is > ' ' and < '\u007F');

    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
