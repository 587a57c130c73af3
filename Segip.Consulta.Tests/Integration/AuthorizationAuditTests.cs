using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Tests.Fixtures;
using ComponentRoute = Microsoft.AspNetCore.Components.RouteAttribute;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// Every page and endpoint states who may reach it, and the roles that reach each page are the ones
/// intended. A new page or endpoint without a policy fails here; a new page also needs its row in
/// <see cref="PageAccess"/>.
/// </summary>
[Trait("Category", "Integration")]
public class AuthorizationAuditTests(AuthorizationAuditTests.SignedInClients clients) : IClassFixture<AuthorizationAuditTests.SignedInClients>
{
    /// <summary>Routes anyone may open, without signing in. Keep this list short.</summary>
    private static readonly HashSet<string> PublicRoutes =
    [
        "/cuenta/ingresar", "/cuenta/ingresar-2fa", "/cuenta/acceso-denegado", "/no-encontrado", "/error",
        "/health/live", "/health/ready",
        "/cuenta/ingresar-institucional", "/cuenta/ingresar-institucional/completar",
        // Public certificate verification (rate-limited) and the web service's self-description.
        "/verificar", "/verificar/{Codigo}",
        "/openapi/v1.json", "/api/referencia/{documentName?}", "/api/referencia/favicon.svg",
        "/api/referencia/scalar.js", "/api/referencia/scalar.aspnetcore.js",
        // SEGIP's public signing certificates (JWKS, PEM) to verify signed answers.
        "/api/v1/claves", "/api/v1/claves.pem",
        // Unknown web-service paths answer 404 problem+json.
        "/api/{**rest}",
        // Citizens' sign-in with Ciudadanía Digital: the page, its challenge and its completion.
        "/ciudadania/ingresar", "/ciudadania/entrar", "/ciudadania/completar",
    ];

    private static readonly string[] StaffRoles = [.. Roles.All];

    /// <summary>Every staff role and the citizen session (Ciudadanía Digital), which must open no staff page.</summary>
    private static readonly string[] AllRoles = [.. Roles.All, Roles.Citizen];

    /// <summary>Pages whose anonymous visitors are sent to the citizen sign-in, not the staff one.</summary>
    private static readonly HashSet<string> CitizenPages = ["/mis-datos"];

    /// <summary>Which roles open each page (HTTP 200); every other role is sent to "acceso denegado". One row per page.</summary>
    private static readonly Dictionary<string, string[]> PageAccess = new()
    {
        ["/"] = StaffRoles,
        ["/consultas"] = [Roles.Officer],
        ["/cuenta/seguridad"] = StaffRoles,
        ["/instituciones"] = [Roles.Legal, Roles.SegipAdmin],
        ["/instituciones/nueva"] = [Roles.Legal, Roles.SegipAdmin],
        // Auditors read one institution, agreement or the levels (read-only), reached from the change history.
        ["/instituciones/{Id:int}"] = [Roles.Legal, Roles.SegipAdmin, Roles.Auditor],
        ["/instituciones/{Id:int}/editar"] = [Roles.Legal, Roles.SegipAdmin],
        ["/convenios"] = [Roles.Legal, Roles.SegipAdmin],
        // Agreements and levels are the legal directorate's alone (the editors used to open for SEGIP administrators, whose every save was refused).
        ["/convenios/nuevo"] = [Roles.Legal],
        ["/convenios/{Id:int}"] = [Roles.Legal, Roles.SegipAdmin, Roles.Auditor],
        ["/convenios/{Id:int}/editar"] = [Roles.Legal],
        ["/niveles"] = [Roles.Legal, Roles.SegipAdmin, Roles.Auditor],
        ["/niveles/nuevo"] = [Roles.Legal],
        ["/niveles/{Id:int}/editar"] = [Roles.Legal],
        ["/usuarios-finales"] = [Roles.InstitutionAdmin, Roles.Legal, Roles.SegipAdmin],
        ["/credenciales"] = [Roles.SegipAdmin, Roles.InstitutionAdmin],
        ["/bitacora"] = [Roles.Auditor, Roles.SegipAdmin, Roles.InstitutionAdmin],
        ["/bitacora/estadisticas"] = [Roles.Auditor, Roles.SegipAdmin, Roles.InstitutionAdmin],
        ["/bitacora/registro/{Sequence:long}"] = [Roles.Auditor, Roles.SegipAdmin, Roles.InstitutionAdmin],
        ["/historial"] = [Roles.Auditor, Roles.SegipAdmin, Roles.InstitutionAdmin],
        ["/administracion/certificados"] = [Roles.SegipAdmin],
        ["/operacion"] = [Roles.SegipAdmin],
        // Institution admins open the page; the alerts of their institution show only when Misuse:InstitutionAdminsSeeOwnAlerts is on.
        ["/alertas"] = [Roles.Auditor, Roles.SegipAdmin, Roles.InstitutionAdmin],
        ["/alertas/{Id:long}"] = [Roles.Auditor, Roles.SegipAdmin, Roles.InstitutionAdmin],
        // The misuse rules' thresholds are internal control's to tune.
        ["/alertas/umbrales"] = [Roles.Auditor, Roles.SegipAdmin],
        ["/administracion/personas-protegidas"] = [Roles.SegipAdmin],
        // Citizens' disputes: auditors work them, an institution admin answers its own.
        ["/casos"] = [Roles.Auditor, Roles.InstitutionAdmin],
        ["/casos/{Id:long}"] = [Roles.Auditor, Roles.InstitutionAdmin],
        // The citizen's own queries: a citizen session only, never staff.
        ["/mis-datos"] = [Roles.Citizen],
    };

    /// <summary>A URL that reaches the route: parameters get a sample value.</summary>
    private static string SampleUrl(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{[^}]+\}", "1");

    /// <summary>One demo account per role.</summary>
    private static readonly Dictionary<string, string> AccountOf = new()
    {
        [Roles.SegipAdmin] = DemoAccounts.Admin,
        [Roles.Legal] = DemoAccounts.Legal,
        [Roles.Auditor] = DemoAccounts.Auditor,
        [Roles.InstitutionAdmin] = DemoAccounts.BankAdmin,
        [Roles.Officer] = DemoAccounts.BankOfficer,
    };

    [Fact]
    public void Every_routable_page_names_a_policy_or_roles_or_is_an_allowed_public_page()
    {
        var problems = new List<string>();
        foreach (var page in typeof(Program).Assembly.GetTypes().Where(t => t.GetCustomAttributes<ComponentRoute>().Any()))
        {
            var routes = page.GetCustomAttributes<ComponentRoute>().Select(r => r.Template).ToList();
            var authorize = page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).ToList();
            var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>(inherit: true) is not null;
            if (anonymous)
                problems.AddRange(routes.Where(r => !PublicRoutes.Contains(r)).Select(r => $"{page.Name} ({r}) es anónima y no está en la lista de rutas públicas"));
            else if (!authorize.Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles)))
                problems.Add($"{page.Name} ({string.Join(", ", routes)}) no declara [Authorize(Policy = ...)]");
            else
                problems.AddRange(routes.Where(r => !PageAccess.ContainsKey(r)).Select(r => $"{page.Name} ({r}) no tiene fila en PageAccess"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_endpoint_names_a_policy_or_roles_or_is_an_allowed_public_route()
    {
        var endpoints = clients.App.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(e => !IsFramework(e)).ToList();
        var problems = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                if (!PublicRoutes.Contains(route)) problems.Add($"{route} es anónima y no está en la lista de rutas públicas");
            }
            else if (endpoint.Metadata.GetMetadata<Segip.Consulta.Web.Endpoints.Api.WebServiceCredentialRequired>() is not null)
            {
                // Authorised by the institution's web-service credential, checked by the API's filter.
            }
            else if (!endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles)))
            {
                problems.Add($"{route} ({endpoint.DisplayName}) no declara una política");
            }
        }
        Assert.NotEmpty(endpoints);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    public static TheoryData<string, string> PageRolePairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in PageAccess.Keys)
            foreach (var role in AllRoles)
                data.Add(page, role);
        return data;
    }

    [Theory]
    [MemberData(nameof(PageRolePairs))]
    public async Task Each_role_reaches_exactly_the_pages_of_the_matrix(string page, string role)
    {
        var client = await clients.ForAsync(role == Roles.Citizen ? Roles.Citizen : AccountOf[role]);
        var response = await client.GetAsync(await clients.ReachableUrlAsync(page));

        if (PageAccess[page].Contains(role))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/cuenta/acceso-denegado", response.Headers.Location!.PathAndQuery);
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Anonymous_visitors_are_sent_to_the_login_page(string page)
    {
        using var client = clients.App.Client();
        var response = await client.GetAsync(SampleUrl(page));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(CitizenPages.Contains(page) ? "/ciudadania/ingresar" : "/cuenta/ingresar", response.Headers.Location!.PathAndQuery);
    }

    /// <summary>
    /// A citizen session against every endpoint that names a staff policy (GET and POST, sample ids): none
    /// answers with content; each redirects to "acceso denegado" or refuses (400/403/404/405).
    /// </summary>
    [Fact]
    public async Task A_citizen_session_opens_no_staff_endpoint()
    {
        var client = await clients.ForAsync(Roles.Citizen);
        using var anonymous = clients.App.Client();
        var endpoints = clients.App.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(e => !IsFramework(e))
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null)
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) && a.Policy != Segip.Consulta.Web.Auth.Policies.Citizen))
            .ToList();
        Assert.NotEmpty(endpoints);
        var opened = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var url = SampleUrl("/" + endpoint.RoutePattern.RawText!.TrimStart('/')).Replace("{**rest}", "x");
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                var response = await SendAsync(client, method, url);
                var denied = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery.StartsWith("/cuenta/acceso-denegado")
                    || response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed;
                // What anyone may reach here (the health details on a developer's machine) is not the citizen's doing.
                if (!denied && (await SendAsync(anonymous, method, url)).StatusCode != response.StatusCode)
                    opened.Add($"{method} {url} → {(int)response.StatusCode}");
            }
        }
        Assert.True(opened.Count == 0, string.Join("\n", opened));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET") request.Content = new FormUrlEncodedContent([]);
        return await client.SendAsync(request);
    }

    public static TheoryData<string> Pages() => new(PageAccess.Keys);

    /// <summary>Blazor's hub, its internal redirects and static files: the framework's, not pages of ours.</summary>
    private static bool IsFramework(RouteEndpoint endpoint)
    {
        var pattern = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
        return pattern.StartsWith("_blazor", StringComparison.Ordinal)
            || pattern.StartsWith("_framework/", StringComparison.Ordinal)
            || pattern == "{**path:file}"
            || endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor")
            || (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is { } component
                && component.Type.GetCustomAttributes<ComponentRoute>().Any() is false);
    }

    /// <summary>The app and one signed-in client per demo account, shared by the matrix's cases.</summary>
    public class SignedInClients : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> clients = new();
        public SignedInClients() : this(new AppFactory()) { }
        protected SignedInClients(AppFactory app) => App = app;
        public AppFactory App { get; }

        /// <summary>
        /// A URL whose sample exists for every role allowed on it: an audit record answers 404 when it is
        /// missing or another institution's, so its sample is a record of the bank (the institution admin's).
        /// </summary>
        public async Task<string> ReachableUrlAsync(string route)
        {
            if (route.Contains("/casos/{Id:long}")) return $"/casos/{await BankCaseAsync()}";
            if (!route.Contains("{Sequence:long}")) return SampleUrl(route);
            var query = await App.QueryDocumentAsync();
            var sequence = (await App.AuditRecordAsync((string)query.Json["consultaId"]!)).Sequence;
            return route.Replace("{Sequence:long}", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        /// <summary>A client signed in as the demo account, or as the citizen Juan Carlos (CI 1234567) for <see cref="Roles.Citizen"/>.</summary>
        private long? bankCase;

        /// <summary>A dispute about a bank query (the institution admin's), opened by the person queried.</summary>
        private async Task<long> BankCaseAsync()
        {
            if (bankCase is { } known) return known;
            var query = await App.QueryDocumentAsync();
            var sequence = (await App.AuditRecordAsync((string)query.Json["consultaId"]!)).Sequence;
            var opened = await App.Get<Segip.Consulta.Core.Features.Disputes.DisputeService>()
                .OpenAsync(Segip.Consulta.Core.Features.Accounts.Actor.ForCitizen(1), sequence, "No autoricé esta consulta del banco");
            return (bankCase = opened.Value).Value;
        }

        public Task<HttpClient> ForAsync(string emailOrRole) =>
            clients.GetOrAdd(emailOrRole, e => new(() => e == Roles.Citizen
                ? CitizenSession.SignedInClientAsync(App, "1234567")
                : FormLogin.SignedInClientAsync(App, e, DemoAccounts.Password))).Value;

        public async ValueTask DisposeAsync()
        {
            foreach (var client in clients.Values.Where(c => c.IsValueCreated)) (await client.Value).Dispose();
            await App.DisposeAsync();
        }
    }
}
