using FluentValidation;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Agreements;

/// <summary>An agreement as drafted by the legal directorate (editable while it is a BORRADOR).</summary>
public sealed class AgreementInput
{
    public int? InstitutionId { get; set; }
    public string? Number { get; set; }
    public DateOnly? SignedOn { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public int? AccessLevelId { get; set; }
    public Channels Channels { get; set; } = Channels.Web;
    public int? MonthlyQuota { get; set; }
    public string? IpAllowlist { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }

    public AgreementInput Normalized() => new()
    {
        InstitutionId = InstitutionId,
        Number = InputText.Clean(Number)?.ToUpperInvariant(),
        SignedOn = SignedOn,
        ValidFrom = ValidFrom,
        ValidTo = ValidTo,
        AccessLevelId = AccessLevelId,
        Channels = Channels,
        MonthlyQuota = MonthlyQuota,
        IpAllowlist = InputText.Clean(IpAllowlist),
        ContactName = InputText.Clean(ContactName),
        ContactEmail = InputText.Clean(ContactEmail)?.ToLowerInvariant(),
    };

    public static AgreementInput From(Agreement a) => new()
    {
        InstitutionId = a.InstitutionId, Number = a.Number, SignedOn = a.SignedOn, ValidFrom = a.ValidFrom, ValidTo = a.ValidTo,
        AccessLevelId = a.AccessLevelId, Channels = a.Channels, MonthlyQuota = a.MonthlyQuota, IpAllowlist = a.IpAllowlist,
        ContactName = a.ContactName, ContactEmail = a.ContactEmail,
    };
}

public sealed class AgreementInputValidator : AbstractValidator<AgreementInput>
{
    public AgreementInputValidator()
    {
        // Plain text only (FreeText): no control characters or bidirectional overrides.
        RuleFor(x => x.Number).PlainText();
        RuleFor(x => x.ContactName).PlainText();
        RuleFor(x => x.ContactEmail).PlainText();
        RuleFor(x => x.IpAllowlist).PlainText(multiline: true);
        RuleFor(x => x.InstitutionId).NotNull().WithMessage("Elija la institución.");
        RuleFor(x => x.Number)
            .NotEmpty().WithMessage("Indique el número del convenio.")
            .Matches("^[A-Z0-9][A-Z0-9/_-]{2,39}$").When(x => !string.IsNullOrEmpty(x.Number), ApplyConditionTo.CurrentValidator)
            .WithMessage("El número debe tener de 3 a 40 letras, dígitos, guiones o barras, por ejemplo CONV-2026-0012.");
        RuleFor(x => x.ValidFrom).NotNull().WithMessage("Indique la fecha de inicio de vigencia.");
        RuleFor(x => x.ValidTo)
            .NotNull().WithMessage("Indique la fecha de fin de vigencia.")
            .GreaterThan(x => x.ValidFrom).When(x => x.ValidFrom is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("La fecha de fin debe ser posterior a la de inicio.");
        RuleFor(x => x.SignedOn)
            .LessThanOrEqualTo(x => x.ValidTo).When(x => x.SignedOn is not null && x.ValidTo is not null)
            .WithMessage("La fecha de firma no puede ser posterior al fin de vigencia.");
        RuleFor(x => x.AccessLevelId).NotNull().WithMessage("Elija el nivel de acceso.");
        RuleFor(x => x.Channels)
            .Must(c => c != Channels.None && (c & ~(Channels.Web | Channels.WebService)) == 0)
            .WithMessage("Elija al menos un canal.");
        RuleFor(x => x.MonthlyQuota)
            .InclusiveBetween(1, 100_000_000).When(x => x.MonthlyQuota is not null)
            .WithMessage("La cuota mensual debe ser un número positivo (o vacía, sin límite).");
        RuleFor(x => x.IpAllowlist)
            .Must(text => Common.IpAllowlist.TryParse(text, out _, out _))
            .WithMessage(x => Common.IpAllowlist.TryParse(x.IpAllowlist, out _, out var error) ? "" : error!)
            .MaximumLength(1000).WithMessage("La lista de direcciones no puede pasar de 1000 caracteres.");
        RuleFor(x => x.ContactName).MaximumLength(150).WithMessage("El nombre del contacto no puede pasar de 150 caracteres.");
        RuleFor(x => x.ContactEmail)
            .EmailAddress().When(x => !string.IsNullOrEmpty(x.ContactEmail), ApplyConditionTo.CurrentValidator)
            .WithMessage("El correo electrónico no es válido.")
            .MaximumLength(150).WithMessage("El correo no puede pasar de 150 caracteres.");
    }
}

/// <summary>An adenda: what it changes, its number and signing date. Its signed PDF travels beside it.</summary>
public sealed class AmendmentInput
{
    public string? Number { get; set; }
    public DateOnly? SignedOn { get; set; }
    public string? Description { get; set; }
    public int? NewAccessLevelId { get; set; }
    public DateOnly? NewValidTo { get; set; }
    public int? NewMonthlyQuota { get; set; }
    public Channels? NewChannels { get; set; }

    public AmendmentInput Normalized() => new()
    {
        Number = InputText.Clean(Number)?.ToUpperInvariant(),
        SignedOn = SignedOn,
        Description = InputText.Clean(Description),
        NewAccessLevelId = NewAccessLevelId,
        NewValidTo = NewValidTo,
        NewMonthlyQuota = NewMonthlyQuota,
        NewChannels = NewChannels is Channels.None ? null : NewChannels,
    };

    public bool ChangesSomething => NewAccessLevelId is not null || NewValidTo is not null || NewMonthlyQuota is not null || NewChannels is not null;
}

public sealed class AmendmentInputValidator : AbstractValidator<AmendmentInput>
{
    public AmendmentInputValidator()
    {
        // Plain text only (FreeText): no control characters or bidirectional overrides.
        RuleFor(x => x.Number).PlainText();
        RuleFor(x => x.Description).PlainText(multiline: true);
        RuleFor(x => x.Number)
            .NotEmpty().WithMessage("Indique el número de la adenda.")
            .Matches("^[A-Z0-9][A-Z0-9/_-]{0,39}$").When(x => !string.IsNullOrEmpty(x.Number), ApplyConditionTo.CurrentValidator)
            .WithMessage("El número debe tener hasta 40 letras, dígitos, guiones o barras.");
        RuleFor(x => x.SignedOn).NotNull().WithMessage("Indique la fecha de firma de la adenda.");
        RuleFor(x => x.Description).MaximumLength(1000).WithMessage("La descripción no puede pasar de 1000 caracteres.");
        RuleFor(x => x.NewMonthlyQuota)
            .InclusiveBetween(1, 100_000_000).When(x => x.NewMonthlyQuota is not null)
            .WithMessage("La cuota mensual debe ser un número positivo.");
        RuleFor(x => x.NewChannels)
            .Must(c => c is null || (c.Value & ~(Channels.Web | Channels.WebService)) == 0)
            .WithMessage("Canales desconocidos.");
        RuleFor(x => x.Description)
            .Must((x, _) => x.ChangesSomething)
            .WithMessage("La adenda debe cambiar al menos el nivel, la fecha de fin, la cuota o los canales.");
    }
}

/// <summary>A reason for suspending, reactivating or terminating: required, 5–500 characters.</summary>
public static class StatusReason
{
    public const string Field = "Reason";

    public static string? Problem(string? reason) => InputText.Clean(reason) switch
    {
        null => "Indique el motivo.",
        { Length: < 5 } => "El motivo debe tener al menos 5 caracteres.",
        { Length: > 500 } => "El motivo no puede pasar de 500 caracteres.",
        _ => null,
    };
}
