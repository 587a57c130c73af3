using Segip.Consulta.Web.Endpoints.Api;

namespace Segip.Consulta.Web.Endpoints.Soap;

/// <summary>The REST answers (<see cref="ApiAnswers"/>) in their XML form, so both channels disclose exactly the same.</summary>
public static class SoapAnswers
{
    public static SoapDocumentAnswer Document(DocumentAnswer a) => new()
    {
        ConsultaId = a.ConsultaId.ToString(), Result = a.Result,
        Person = a.Person is null ? null : Person(a.Person), Document = a.Document is null ? null : Document(a.Document),
        DisclosedFields = [.. a.DisclosedFields], Timestamp = a.Timestamp.ToString("O"),
    };

    public static SoapVerificationAnswer Verification(VerificationAnswer a) => new()
    {
        ConsultaId = a.ConsultaId.ToString(), Result = a.Result, DocumentStatus = a.DocumentStatus,
        Matches = a.Matches?.Select(m => new SoapMatch { Field = m.Key, Matches = m.Value }).ToArray(),
        Timestamp = a.Timestamp.ToString("O"),
    };

    public static SoapNameAnswer Name(NameAnswer a) => new()
    {
        ConsultaId = a.ConsultaId.ToString(), Result = a.Result,
        Persons = [.. a.Persons.Select(Person)], DisclosedFields = [.. a.DisclosedFields], Timestamp = a.Timestamp.ToString("O"),
    };

    private static SoapPerson Person(PersonData data)
    {
        var p = new SoapPerson();
        foreach (var (code, value) in data)
        {
            if (value is DocumentData document) { p.Document = Document(document); continue; }
            p.Present.Add(code);
            var text = value as string;
            switch (code)
            {
                case "nombres": p.Nombres = text; break;
                case "primerApellido": p.PrimerApellido = text; break;
                case "segundoApellido": p.SegundoApellido = text; break;
                case "apellidoCasada": p.ApellidoCasada = text; break;
                case "sexo": p.Sexo = text; break;
                case "profesion": p.Profesion = text; break;
                case "fallecido": p.Fallecido = value as bool?; break;
                case "fechaNacimiento": p.FechaNacimiento = text; break;
                case "lugarNacimiento": p.LugarNacimiento = text; break;
                case "nacionalidad": p.Nacionalidad = text; break;
                case "estadoCivil": p.EstadoCivil = text; break;
                case "domicilio": p.Domicilio = text; break;
                case "nombrePadre": p.NombrePadre = text; break;
                case "nombreMadre": p.NombreMadre = text; break;
                case "fotografia": p.Fotografia = text; break;
                case "firma": p.Firma = text; break;
                default: p.Present.Remove(code); break;
            }
        }
        return p;
    }

    private static SoapDocument Document(DocumentData data)
    {
        var d = new SoapDocument
        {
            Type = data["tipo"] as string ?? "",
            Number = data["numero"] as string ?? "",
            Complement = data["complemento"] as string,
        };
        foreach (var (name, value) in data.Where(kv => kv.Key is "estado" or "fechaEmision" or "fechaVencimiento"))
        {
            d.Present.Add(name);
            if (name == "estado") d.Status = value as string;
            else if (name == "fechaEmision") d.IssuedOn = value as string;
            else d.ExpiresOn = value as string;
        }
        return d;
    }
}
