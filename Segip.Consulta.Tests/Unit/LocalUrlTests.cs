using Segip.Consulta.Web.Auth;

namespace Segip.Consulta.Tests.Unit;

/// <summary>The open-redirect guard used after every sign-in.</summary>
[Trait("Category", "Unit")]
public class LocalUrlTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/consultas?x=1", "/consultas?x=1")]
    [InlineData("https://malicioso.example/", "/")]
    [InlineData("//malicioso.example/", "/")]
    [InlineData("/\\malicioso.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/\r\nSet-Cookie: x=1", "/")]
    [InlineData("/consultas/ñandú", "/")]
    [InlineData("/bitacora\u202Egpj", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void Only_paths_of_this_site_are_followed(string? returnUrl, string expected) =>
        Assert.Equal(expected, LocalUrl.OrHome(returnUrl));
}
