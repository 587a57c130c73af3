namespace Segip.Consulta.Web.Auth;

/// <summary>Section <c>Authentication</c>: how long staff and citizen sessions live (<see cref="SessionLifetime"/>).</summary>
public sealed class SessionLifetimeOptions
{
    public const string SectionName = "Authentication";

    /// <summary>Minutes without a request after which a session ends; each request slides it.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>Hours after the sign-in after which a session ends however active it is.</summary>
    public double AbsoluteLifetimeHours { get; set; } = 10;
}
