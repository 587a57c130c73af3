using System.Text.RegularExpressions;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>The login form driven over plain HTTP, as a browser would post it (antiforgery token included).</summary>
public static partial class FormLogin
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return TokenPattern().Match(html).Groups[1].Value;
    }

    /// <summary>Posts the form; a success answers a redirect, a refusal the page again with the message.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/cuenta/ingresar");
        return await client.PostAsync("/cuenta/ingresar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>The page's text as a user reads it (Blazor encodes accented letters as entities).</summary>
    public static async Task<string> ReadPageAsync(HttpResponseMessage response) =>
        System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>A client holding a session of the given account.</summary>
    public static async Task<HttpClient> SignedInClientAsync(AppFactory app, string email, string password)
    {
        var client = app.Client();
        var response = await PostAsync(client, email, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"No se pudo ingresar como {email}: {(int)response.StatusCode}");
        return client;
    }
}
