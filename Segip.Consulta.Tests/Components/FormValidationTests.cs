using FluentValidation;
using MudBlazor.Utilities.Exceptions;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Web.Components.Shared;

namespace Segip.Consulta.Tests.Components;

/// <summary>The one MudForm ↔ FluentValidation adapter and the one dd/MM/yyyy converter every form uses.</summary>
[Trait("Category", "Unit")]
public class FormValidationTests
{
    private static readonly IValidator<AgreementInput> Validator = new AgreementInputValidator();

    [Fact]
    public async Task A_field_gets_only_its_own_messages_from_the_core_validator()
    {
        var input = new AgreementInput { ValidFrom = new DateOnly(2026, 2, 1), ValidTo = new DateOnly(2026, 1, 31) };
        var validation = new FormValidation<AgreementInput>(Validator, () => input.Normalized());

        Assert.Equal(["La fecha de fin debe ser posterior a la de inicio."], await validation.Validate(input, nameof(AgreementInput.ValidTo)));
        Assert.Equal(["Indique el número del convenio."], await validation.Validate(input, nameof(AgreementInput.Number)));
        Assert.Empty(await validation.Validate(input, nameof(AgreementInput.ValidFrom)));
    }

    [Fact]
    public async Task Server_errors_show_on_their_field_until_its_value_changes()
    {
        var input = new AgreementInput { Number = "conv-1" };
        var validation = new FormValidation<AgreementInput>(Validator, () => input.Normalized());

        await validation.ShowServerErrorsAsync(new Dictionary<string, string[]> { [nameof(AgreementInput.Number)] = ["Ya existe un convenio con el número CONV-1."] }, null);

        Assert.Equal(["Ya existe un convenio con el número CONV-1."], await validation.Validate(input, nameof(AgreementInput.Number)));
        Assert.Empty(await validation.Validate(input, nameof(AgreementInput.ContactName)));
        input.Number = "conv-2";
        Assert.Empty(await validation.Validate(input, nameof(AgreementInput.Number)));
    }

    [Fact]
    public async Task Parts_outside_a_field_read_the_last_check()
    {
        var input = new AgreementInput { Channels = Core.Domain.Channels.None };
        var validation = new FormValidation<AgreementInput>(Validator, () => input.Normalized());
        Assert.Null(validation.Messages(nameof(AgreementInput.Channels)));

        Assert.False(await validation.CheckAsync(null));

        Assert.Equal("Elija al menos un canal.", validation.Messages(nameof(AgreementInput.Channels)));
    }

    [Theory]
    [InlineData("05/01/2026", 2026, 1, 5)]
    [InlineData(" 5/1/2026 ", 2026, 1, 5)]
    [InlineData("29/02/2028", 2028, 2, 29)]
    public void A_bolivian_date_reads_as_that_day(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), DateText.Converter.ConvertBack(text));

    [Theory]
    [InlineData("2026-01-05", "La fecha debe tener el formato dd/mm/aaaa.")]
    [InlineData("mañana", "La fecha debe tener el formato dd/mm/aaaa.")]
    [InlineData("31/02/2026", "La fecha 31/02/2026 no existe en el calendario.")]
    [InlineData("01/13/2026", "La fecha 01/13/2026 no existe en el calendario.")]
    public void An_unreadable_date_is_refused_with_the_spanish_message(string text, string message)
    {
        var error = Assert.Throws<ConversionException>(() => DateText.Converter.ConvertBack(text));
        Assert.Equal(message, error.ErrorMessageKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_date_is_no_date(string text) => Assert.Null(DateText.Converter.ConvertBack(text));

    [Fact]
    public void A_date_is_shown_as_dd_mm_yyyy()
    {
        Assert.Equal("05/01/2026", DateText.Converter.Convert(new DateOnly(2026, 1, 5)));
        Assert.Equal("", DateText.Converter.Convert(null));
    }
}
