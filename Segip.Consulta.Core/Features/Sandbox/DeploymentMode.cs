namespace Segip.Consulta.Core.Features.Sandbox;

/// <summary>
/// Whether this deployment is the sandbox for institutions' developers (hosting environment <c>Sandbox</c>):
/// synthetic registry only, every answer and certificate marked <see cref="Mark"/>, institution admins manage
/// their own test credentials, no monthly quotas. Registered by the web host; Core defaults to "not sandbox".
/// </summary>
public sealed record DeploymentMode(bool IsSandbox)
{
    public const string SandboxEnvironment = "Sandbox";
    /// <summary>What every sandbox page, answer and certificate says.</summary>
    public const string Mark = "PRUEBA — sin validez";
    /// <summary>The HTTP header on every sandbox answer (header values are ASCII).</summary>
    public const string Header = "X-Entorno";
    public const string HeaderValue = "PRUEBA; sin validez";

    public static readonly DeploymentMode Regular = new(false);
}

/// <summary>The sandbox's database holds persons that are not synthetic: the app refuses to start.</summary>
public sealed class RealDataException(string message) : InvalidOperationException(message);
