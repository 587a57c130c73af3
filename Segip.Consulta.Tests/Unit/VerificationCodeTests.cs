using Segip.Consulta.Core.Features.Certificates;

namespace Segip.Consulta.Tests.Unit;

[Trait("Category", "Unit")]
public class VerificationCodeTests
{
    [Fact]
    public void Codes_use_only_unambiguous_symbols_and_carry_more_than_sixty_bits()
    {
        Assert.DoesNotContain(VerificationCode.Alphabet, c => c is '0' or 'O' or '1' or 'I' or 'L');
        Assert.True(VerificationCode.Length * Math.Log2(VerificationCode.Alphabet.Length) >= 60);
        var codes = Enumerable.Range(0, 2000).Select(_ => VerificationCode.New()).ToList();
        Assert.All(codes, c => Assert.Matches($"^[{VerificationCode.Alphabet}]{{{VerificationCode.Length}}}$", c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("abcd-efgh-jkmn-pqrs", "ABCDEFGHJKMNPQRS")]
    [InlineData(" ABCD EFGH JKMN PQRS ", "ABCDEFGHJKMNPQRS")]
    [InlineData("ABCD-EFGH-JKMN-PQR0", null)]
    [InlineData("ABCD-EFGH-JKMN", null)]
    [InlineData("", null)]
    public void Typed_codes_are_normalised_or_rejected(string typed, string? expected) =>
        Assert.Equal(expected, VerificationCode.Normalize(typed));

    [Fact]
    public void Display_groups_by_four_and_the_url_carries_the_grouped_code() =>
        Assert.Equal("https://x.bo/verificar/ABCD-EFGH-JKMN-PQRS", CertificateQr.VerificationUrl("https://x.bo/", "ABCDEFGHJKMNPQRS"));
}
