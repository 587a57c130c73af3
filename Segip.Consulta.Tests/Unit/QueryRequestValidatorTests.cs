using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Tests.Unit;

[Trait("Category", "Unit")]
public class QueryRequestValidatorTests
{
    private readonly QueryRequestValidator validator = new(TimeProvider.System);

    private static QueryRequest Valid() => new()
    {
        DocumentType = "CI", DocumentNumber = "1234567", Purpose = "Apertura de cuenta de ahorro",
    };

    private Dictionary<string, string[]> Errors(QueryRequest r) => validator.Validate(r.Normalized()).Errors
        .GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());

    [Fact]
    public void A_complete_document_query_is_valid() => Assert.Empty(Errors(Valid()));

    [Theory]
    [InlineData("12A4567", "El número de documento debe tener de 1 a 10 dígitos, sin letras ni espacios.")]
    [InlineData("12345678901", "El número de documento debe tener de 1 a 10 dígitos, sin letras ni espacios.")]
    [InlineData("", "Indique el número de documento.")]
    public void Document_number_must_be_one_to_ten_digits(string number, string message)
    {
        var errors = Errors(Valid() with { DocumentNumber = number });
        Assert.Equal([message], errors[nameof(QueryRequest.DocumentNumber)]);
    }

    [Theory]
    [InlineData("A1")]
    [InlineData("1AB")]
    [InlineData("11")]
    public void Complement_must_be_a_digit_and_a_letter(string complement)
    {
        var errors = Errors(Valid() with { Complement = complement });
        Assert.Contains(nameof(QueryRequest.Complement), errors.Keys);
    }

    [Fact]
    public void Complement_is_upper_cased_before_validation() =>
        Assert.Empty(Errors(Valid() with { Complement = " 1a " }));

    [Fact]
    public void Document_type_must_be_one_of_the_four()
    {
        var errors = Errors(Valid() with { DocumentType = "PASAPORTE" });
        Assert.Equal(["El tipo de documento debe ser CI, CIE, LIC o LICE."], errors[nameof(QueryRequest.DocumentType)]);
    }

    [Theory]
    [InlineData(null, "Indique la finalidad de la consulta.")]
    [InlineData("abc", "La finalidad debe tener entre 5 y 500 caracteres.")]
    public void Purpose_is_required_between_5_and_500_characters(string? purpose, string message)
    {
        var errors = Errors(Valid() with { Purpose = purpose });
        Assert.Equal([message], errors[nameof(QueryRequest.Purpose)]);
        Assert.Contains(nameof(QueryRequest.Purpose), Errors(Valid() with { Purpose = new string('x', 501) }).Keys);
    }

    [Fact]
    public void Name_search_needs_names_first_surname_and_birth_date()
    {
        var errors = Errors(new QueryRequest { Type = QueryType.Name, Purpose = "Verificación de padrón" });
        Assert.Equal(["Indique los nombres."], errors[nameof(QueryRequest.FirstNames)]);
        Assert.Equal(["Indique el primer apellido."], errors[nameof(QueryRequest.FirstSurname)]);
        Assert.Equal(["Indique la fecha de nacimiento."], errors[nameof(QueryRequest.BirthDate)]);
    }

    [Fact]
    public void Verification_needs_at_least_one_claimed_value()
    {
        var errors = Errors(Valid() with { Type = QueryType.Verification });
        Assert.Contains(nameof(QueryRequest.FirstNames), errors.Keys);
        Assert.Empty(Errors(Valid() with { Type = QueryType.Verification, FirstNames = "Juan" }));
    }

    [Fact]
    public void Error_keys_map_to_the_contract_names()
    {
        Assert.Equal("numeroDocumento", QueryRequestValidator.ContractName(nameof(QueryRequest.DocumentNumber)));
        Assert.Equal("finalidad", QueryRequestValidator.ContractName(nameof(QueryRequest.Purpose)));
    }

    [Theory]
    [InlineData("Apertura\u0000 de cuenta")]
    [InlineData("Apertura de cuenta\u001B[2J")]
    [InlineData("Apertura\u0085 de cuenta")]
    [InlineData("Apertura de cuenta \u202Eatnuc")]
    [InlineData("Apertura de cuenta \u2066oculto\u2069")]
    public void Control_characters_and_bidirectional_overrides_are_refused_in_free_text(string text)
    {
        var errors = Errors(Valid() with { Purpose = text, ConsentReference = "REF" + text });
        Assert.Equal([FreeText.Message], errors[nameof(QueryRequest.Purpose)]);
        Assert.Contains(FreeText.Message, errors[nameof(QueryRequest.ConsentReference)]);
    }

    [Fact]
    public void A_purpose_on_two_lines_is_accepted_but_a_consent_reference_is_one_line()
    {
        var errors = Errors(Valid() with { Purpose = "Apertura de cuenta\nde ahorro", ConsentReference = "CONS\n2026" });
        Assert.False(errors.ContainsKey(nameof(QueryRequest.Purpose)));
        Assert.Equal([FreeText.Message], errors[nameof(QueryRequest.ConsentReference)]);
    }

    [Fact]
    public void A_birth_date_is_checked_against_today_in_bolivia_by_the_injected_clock()
    {
        // 01:00 UTC on 15 March is still 14 March, 21:00, in La Paz.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 1, 0, 0, TimeSpan.Zero));
        var bolivian = new QueryRequestValidator(clock);
        var request = new QueryRequest { Type = QueryType.Verification, DocumentType = "CI", DocumentNumber = "1234567", Purpose = "Verificación" };

        Assert.True(bolivian.Validate(request with { BirthDate = new DateOnly(2026, 3, 14) }).IsValid);
        Assert.Contains(bolivian.Validate(request with { BirthDate = new DateOnly(2026, 3, 15) }).Errors,
            e => e.PropertyName == nameof(QueryRequest.BirthDate));
    }
}
