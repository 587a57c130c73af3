namespace Segip.Consulta.Core.Features.Registry;

/// <summary>
/// The registry exchange file: UTF-8 CSV (comma, RFC 4180 quoting), a header row with these names,
/// one row per identity document; the person's columns repeat on each of their documents.
/// Dates are yyyy-MM-dd; empty cells mean "no value".
/// </summary>
public static class RegistryCsvFormat
{
    public static readonly string[] Columns =
    [
        "idPersona", "nombres", "primerApellido", "segundoApellido", "apellidoCasada", "fechaNacimiento", "sexo",
        "nacionalidad", "lugarNacimiento", "estadoCivil", "profesion", "domicilio", "nombrePadre", "nombreMadre",
        "fallecido", "fechaDefuncion",
        "idDocumento", "tipoDocumento", "numeroDocumento", "complemento", "departamento", "fechaEmision",
        "fechaVencimiento", "estadoDocumento", "categoriaLicencia",
    ];

    public static string Header => string.Join(',', Columns);
}
