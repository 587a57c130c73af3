using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>
/// Turns the gate's outcome into the contract's answers. The level's document fields
/// (estadoDocumento, fechaEmision, fechaVencimiento) are shown inside <c>documento</c> as
/// <c>estado</c>, <c>fechaEmision</c>, <c>fechaVencimiento</c>; every other field of the level goes to
/// <c>persona</c> under its catalogue code. <c>camposDevueltos</c> keeps the catalogue codes.
/// </summary>
public static class ApiAnswers
{
    /// <summary>Catalogue code → name inside <c>documento</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> DocumentFields = new Dictionary<string, string>
    {
        [FieldCatalog.EstadoDocumento] = "estado",
        [FieldCatalog.FechaEmision] = "fechaEmision",
        [FieldCatalog.FechaVencimiento] = "fechaVencimiento",
    };

    public static DocumentAnswer Document(QueryOutcome outcome)
    {
        var person = outcome.Person;
        return new DocumentAnswer(outcome.QueryId, outcome.Result.ToCode(),
            person is null ? null : PersonOf(person), person is null ? null : DocumentOf(person),
            outcome.DisclosedFields, Timestamp(outcome.TimestampUtc));
    }

    public static VerificationAnswer Verification(QueryOutcome outcome)
    {
        var found = outcome.Result is QueryResult.Matched or QueryResult.NotMatched;
        return new VerificationAnswer(outcome.QueryId, found ? QueryResult.Found.ToCode() : QueryResult.NotFound.ToCode(),
            found ? outcome.DocumentStatus?.ToCode() : null, found ? outcome.Matches : null, Timestamp(outcome.TimestampUtc));
    }

    public static NameAnswer Name(QueryOutcome outcome) => new(outcome.QueryId, outcome.Result.ToCode(),
        outcome.Persons.Select(p =>
        {
            var data = PersonOf(p);
            data["documento"] = DocumentOf(p);
            return data;
        }).ToList(),
        outcome.DisclosedFields, Timestamp(outcome.TimestampUtc));

    /// <summary>ISO 8601 with Bolivia's offset (−04:00), the time the audit record was committed.</summary>
    public static DateTimeOffset Timestamp(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(BoliviaClock.Offset);

    private static PersonData PersonOf(DisclosedPerson person)
    {
        var data = new PersonData();
        foreach (var field in person.Fields.Where(f => !DocumentFields.ContainsKey(f.Code)))
            data[field.Code] = field.Value;
        return data;
    }

    private static DocumentData DocumentOf(DisclosedPerson person)
    {
        var data = new DocumentData
        {
            ["tipo"] = person.DocumentType.ToCode(),
            ["numero"] = person.DocumentNumber,
            ["complemento"] = person.Complement.Length == 0 ? null : person.Complement,
        };
        foreach (var field in person.Fields.Where(f => DocumentFields.ContainsKey(f.Code)))
            data[DocumentFields[field.Code]] = field.Value;
        return data;
    }
}
