using System.Globalization;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Web.Components.Queries;

/// <summary>What the officer types; converted to the gate's <see cref="QueryRequest"/> on submit.</summary>
public sealed class QueryFormModel
{
    public QueryType Type { get; set; } = QueryType.DOCUMENTO;
    public string DocumentType { get; set; } = nameof(Core.Domain.DocumentType.CI);
    public string? DocumentNumber { get; set; }
    public string? Complement { get; set; }
    public string? FirstNames { get; set; }
    public string? FirstSurname { get; set; }
    public string? SecondSurname { get; set; }
    /// <summary>dd/MM/yyyy as Bolivians write it.</summary>
    public string? BirthDate { get; set; }
    public string? Purpose { get; set; }
    public string? ConsentReference { get; set; }

    public bool BirthDateIsUnreadable => !string.IsNullOrWhiteSpace(BirthDate) && ParseBirthDate() is null;

    public DateOnly? ParseBirthDate() =>
        DateOnly.TryParseExact(BirthDate?.Trim(), ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public QueryRequest ToRequest() => Type == QueryType.NOMBRE
        ? new QueryRequest
        {
            Type = QueryType.NOMBRE, FirstNames = FirstNames, FirstSurname = FirstSurname, SecondSurname = SecondSurname,
            BirthDate = ParseBirthDate(), Purpose = Purpose, ConsentReference = ConsentReference,
        }
        : new QueryRequest
        {
            Type = QueryType.DOCUMENTO, DocumentType = DocumentType, DocumentNumber = DocumentNumber, Complement = Complement,
            Purpose = Purpose, ConsentReference = ConsentReference,
        };
}
