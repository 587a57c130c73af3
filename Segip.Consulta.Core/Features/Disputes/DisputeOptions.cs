using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;

namespace Segip.Consulta.Core.Features.Disputes;

/// <summary>Citizens' disputes of a query (<c>Disputes:*</c>).</summary>
public sealed class DisputeOptions
{
    public const string SectionName = "Disputes";

    /// <summary>Working days (Monday to Friday) the institution has to justify a disputed query.</summary>
    public int AnswerWorkingDays { get; set; } = 10;

    /// <summary>How many disputes one citizen may open in 24 hours.</summary>
    public int MaxPerDay { get; set; } = 5;
}

public sealed class DisputeOptionsValidator : IValidateOptions<DisputeOptions>
{
    public ValidateOptionsResult Validate(string? name, DisputeOptions options) =>
        new SettingsCheck(DisputeOptions.SectionName)
            .AtLeast(nameof(options.AnswerWorkingDays), options.AnswerWorkingDays, 1)
            .AtLeast(nameof(options.MaxPerDay), options.MaxPerDay, 1)
            .Result();
}

/// <summary>Bounds of the texts of a dispute.</summary>
public static class DisputeTexts
{
    public const int ReasonMin = 10;
    public const int ReasonMax = 1000;
    public const int AnswerMin = 10;
    public const int AnswerMax = 2000;

    public static string State(Domain.CaseState state) => state switch
    {
        Domain.CaseState.Open => "Abierto",
        Domain.CaseState.InReview => "En revisión",
        _ => "Resuelto",
    };

    public static string Outcome(Domain.CaseOutcome? outcome) => outcome switch
    {
        Domain.CaseOutcome.Founded => "Fundado: la consulta fue indebida",
        Domain.CaseOutcome.Unfounded => "Infundado: la consulta fue debida",
        _ => "",
    };

    /// <summary>The citizen's reason for a dispute: the service's rule, also checked by the dialog before it closes.</summary>
    public static string? ReasonProblem(string? reason) =>
        Problem(reason, ReasonMin, ReasonMax, "Explique por qué considera indebida la consulta.");

    /// <summary>Null when the text is acceptable, else the Spanish error; control characters are refused, not stripped.</summary>
    public static string? Problem(string? text, int min, int max, string missing) => Common.InputText.Clean(text) switch
    {
        null => missing,
        { Length: var n } when n < min => $"El texto debe tener al menos {min} caracteres.",
        { Length: var n } when n > max => $"El texto no puede pasar de {max} caracteres.",
        var clean when !Common.FreeText.IsClean(clean, multiline: true) => Common.FreeText.Message,
        _ => null,
    };

    /// <summary>The day <paramref name="workingDays"/> working days (Monday–Friday) after <paramref name="start"/>.</summary>
    public static DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        var day = start;
        for (var added = 0; added < workingDays;)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) added++;
        }
        return day;
    }
}
