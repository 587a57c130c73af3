using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Segip.Consulta.Web.Auth;

/// <summary>
/// How long a session may live (ASVS 3.3, <see cref="SessionLifetimeOptions"/>): the idle timeout slides with each
/// request, the absolute lifetime (10 hours by default) counts from the sign-in and does not. And a cookie must stop working once its session ended: signing out rotates the security
/// stamp, which is checked against the database on every request, so a copy of the cookie taken
/// before is refused.
/// </summary>
public static class SessionLifetime
{
    private const string StartedItem = "segip.session-started";

    public static void Configure(IServiceCollection services)
    {
        services.AddOptions<SessionLifetimeOptions>().BindConfiguration(SessionLifetimeOptions.SectionName)
            .Validate(o => o.IdleTimeoutMinutes > 0 && o.AbsoluteLifetimeHours > 0,
                "Authentication:IdleTimeoutMinutes y Authentication:AbsoluteLifetimeHours deben ser mayores que cero.")
            .ValidateOnStart();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // Every request: a revoked session must end now, not at the next default 30-minute check.
            o.ValidationInterval = TimeSpan.Zero;
            o.OnRefreshingPrincipal = KeepSignInClaims;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).PostConfigure<IOptions<SessionLifetimeOptions>>((o, lifetime) =>
        {
            o.ExpireTimeSpan = TimeSpan.FromMinutes(lifetime.Value.IdleTimeoutMinutes);
            var absolute = TimeSpan.FromHours(lifetime.Value.AbsoluteLifetimeHours);
            var signingIn = o.Events.OnSigningIn;
            o.Events.OnSigningIn = context =>
            {
                // A refresh of the same session (after turning 2FA on) keeps its original start.
                context.Properties.Items.TryAdd(StartedItem,
                    (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture));
                return signingIn(context);
            };
            o.Events.OnValidatePrincipal = async context =>
            {
                if (IsPastAbsoluteLifetime(context, absolute))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });
    }

    private static bool IsPastAbsoluteLifetime(CookieValidatePrincipalContext context, TimeSpan absolute)
    {
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        DateTimeOffset? started = context.Properties.Items.TryGetValue(StartedItem, out var ticks)
            && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            ? new DateTimeOffset(t, TimeSpan.Zero)
            : context.Properties.IssuedUtc;
        return started is null || now - started.Value > absolute;
    }

    /// <summary>The principal rebuilt on each validation keeps how the user signed in (password, provider).</summary>
    private static Task KeepSignInClaims(SecurityStampRefreshingPrincipalContext context)
    {
        var fresh = context.NewPrincipal?.Identities.FirstOrDefault();
        if (fresh is null || context.CurrentPrincipal is null) return Task.CompletedTask;
        foreach (var claim in context.CurrentPrincipal.FindAll(c => c.Type is ClaimTypes.AuthenticationMethod or "amr"))
            if (!fresh.HasClaim(claim.Type, claim.Value))
                fresh.AddClaim(new Claim(claim.Type, claim.Value));
        return Task.CompletedTask;
    }
}
