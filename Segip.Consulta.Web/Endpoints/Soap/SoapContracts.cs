using System.Runtime.Serialization;
using System.ServiceModel;
using System.Xml.Serialization;

namespace Segip.Consulta.Web.Endpoints.Soap;

// SOAP 1.1 contract of the web service (docs/contract.md): the REST names on the wire, the end-user code in
// the body as codigoUsuarioFinal, credentials in a WS-Security UsernameToken. Parameter names are the
// wire names, hence Spanish.

[ServiceContract(Name = "ConsultaService", Namespace = SoapNames.Namespace)]
[XmlSerializerFormat]
public interface IConsultaSoapService
{
    [OperationContract]
    [FaultContract(typeof(SoapError))]
    Task<SoapDocumentAnswer> ConsultarDocumento(string codigoUsuarioFinal, string tipoDocumento, string numeroDocumento,
        string? complemento, string finalidad, string? referenciaConsentimiento);

    [OperationContract]
    [FaultContract(typeof(SoapError))]
    Task<SoapVerificationAnswer> Contrastar(string codigoUsuarioFinal, string tipoDocumento, string numeroDocumento,
        string? complemento, string? nombres, string? primerApellido, string? segundoApellido, string? fechaNacimiento, string finalidad);

    [OperationContract]
    [FaultContract(typeof(SoapError))]
    Task<SoapNameAnswer> ConsultarPorNombre(string codigoUsuarioFinal, string nombres, string primerApellido,
        string? segundoApellido, string fechaNacimiento, string finalidad, string? referenciaConsentimiento);
}

public static class SoapNames
{
    public const string Namespace = "http://consulta.segip.gob.bo/servicio/v1";
    public const string Path = "/soap/ConsultaService.asmx";
    public const string WsSecurity = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
}

/// <summary>
/// The detail of every SOAP fault: the same codes as REST. SoapCore writes fault details with the
/// data-contract serializer, hence both attribute sets (the XML ones shape the WSDL).
/// </summary>
[XmlType("error", Namespace = SoapNames.Namespace)]
[DataContract(Name = "error", Namespace = SoapNames.Namespace)]
public sealed class SoapError
{
    [XmlElement("codigo"), DataMember(Name = "codigo", Order = 1)] public string Code { get; set; } = "";
    [XmlElement("mensaje"), DataMember(Name = "mensaje", Order = 2)] public string Message { get; set; } = "";
    [XmlElement("consultaId"), DataMember(Name = "consultaId", Order = 3, EmitDefaultValue = false)] public string? ConsultaId { get; set; }
    [XmlElement("correlationId"), DataMember(Name = "correlationId", Order = 4, EmitDefaultValue = false)] public string? CorrelationId { get; set; }
    [XmlElement("reintentarEnSegundos"), DataMember(Name = "reintentarEnSegundos", Order = 5, EmitDefaultValue = false)] public int? RetryAfterSeconds { get; set; }
    [XmlArray("errores"), XmlArrayItem("error"), DataMember(Name = "errores", Order = 6, EmitDefaultValue = false)] public SoapFieldError[]? Errors { get; set; }
    public bool ShouldSerializeRetryAfterSeconds() => RetryAfterSeconds is not null;
}

[XmlType("errorCampo", Namespace = SoapNames.Namespace)]
[DataContract(Name = "errorCampo", Namespace = SoapNames.Namespace)]
public sealed class SoapFieldError
{
    [XmlElement("campo"), DataMember(Name = "campo", Order = 1)] public string Field { get; set; } = "";
    [XmlElement("mensaje"), DataMember(Name = "mensaje", Order = 2)] public string Message { get; set; } = "";
}

[XmlType("respuestaDocumento", Namespace = SoapNames.Namespace)]
public sealed class SoapDocumentAnswer
{
    [XmlElement("consultaId")] public string ConsultaId { get; set; } = "";
    [XmlElement("resultado")] public string Result { get; set; } = "";
    [XmlElement("persona")] public SoapPerson? Person { get; set; }
    [XmlElement("documento")] public SoapDocument? Document { get; set; }
    [XmlArray("camposDevueltos"), XmlArrayItem("campo")] public string[] DisclosedFields { get; set; } = [];
    [XmlElement("fechaHora")] public string Timestamp { get; set; } = "";
}

[XmlType("respuestaContrastacion", Namespace = SoapNames.Namespace)]
public sealed class SoapVerificationAnswer
{
    [XmlElement("consultaId")] public string ConsultaId { get; set; } = "";
    [XmlElement("resultado")] public string Result { get; set; } = "";
    [XmlElement("estadoDocumento")] public string? DocumentStatus { get; set; }
    [XmlArray("coincidencias"), XmlArrayItem("coincidencia")] public SoapMatch[]? Matches { get; set; }
    [XmlElement("fechaHora")] public string Timestamp { get; set; } = "";
}

/// <summary>One claimed field and whether it matches: <c>&lt;coincidencia campo="nombres"&gt;true&lt;/coincidencia&gt;</c>.</summary>
[XmlType("coincidencia", Namespace = SoapNames.Namespace)]
public sealed class SoapMatch
{
    [XmlAttribute("campo")] public string Field { get; set; } = "";
    [XmlText] public bool Matches { get; set; }
}

[XmlType("respuestaNombre", Namespace = SoapNames.Namespace)]
public sealed class SoapNameAnswer
{
    [XmlElement("consultaId")] public string ConsultaId { get; set; } = "";
    [XmlElement("resultado")] public string Result { get; set; } = "";
    [XmlArray("personas"), XmlArrayItem("persona")] public SoapPerson[] Persons { get; set; } = [];
    [XmlArray("camposDevueltos"), XmlArrayItem("campo")] public string[] DisclosedFields { get; set; } = [];
    [XmlElement("fechaHora")] public string Timestamp { get; set; } = "";
}

[XmlType("documento", Namespace = SoapNames.Namespace)]
public sealed class SoapDocument
{
    [XmlIgnore] public HashSet<string> Present { get; } = [];
    [XmlElement("tipo")] public string Type { get; set; } = "";
    [XmlElement("numero")] public string Number { get; set; } = "";
    [XmlElement("complemento")] public string? Complement { get; set; }
    [XmlElement("estado", IsNullable = true)] public string? Status { get; set; }
    [XmlElement("fechaEmision", IsNullable = true)] public string? IssuedOn { get; set; }
    [XmlElement("fechaVencimiento", IsNullable = true)] public string? ExpiresOn { get; set; }

    public bool ShouldSerializeStatus() => Present.Contains("estado");
    public bool ShouldSerializeIssuedOn() => Present.Contains("fechaEmision");
    public bool ShouldSerializeExpiresOn() => Present.Contains("fechaVencimiento");
}

/// <summary>
/// The person's fields of the level: an element per field of the level (xsi:nil when the registry has
/// no value), no element for a field outside it — the XML form of the REST rule.
/// </summary>
[XmlType("persona", Namespace = SoapNames.Namespace)]
public sealed class SoapPerson
{
    [XmlIgnore] public HashSet<string> Present { get; } = [];
    [XmlElement("nombres", IsNullable = true)] public string? Nombres { get; set; }
    [XmlElement("primerApellido", IsNullable = true)] public string? PrimerApellido { get; set; }
    [XmlElement("segundoApellido", IsNullable = true)] public string? SegundoApellido { get; set; }
    [XmlElement("apellidoCasada", IsNullable = true)] public string? ApellidoCasada { get; set; }
    [XmlElement("sexo", IsNullable = true)] public string? Sexo { get; set; }
    [XmlElement("profesion", IsNullable = true)] public string? Profesion { get; set; }
    [XmlElement("fallecido", IsNullable = true)] public bool? Fallecido { get; set; }
    [XmlElement("fechaNacimiento", IsNullable = true)] public string? FechaNacimiento { get; set; }
    [XmlElement("lugarNacimiento", IsNullable = true)] public string? LugarNacimiento { get; set; }
    [XmlElement("nacionalidad", IsNullable = true)] public string? Nacionalidad { get; set; }
    [XmlElement("estadoCivil", IsNullable = true)] public string? EstadoCivil { get; set; }
    [XmlElement("domicilio", IsNullable = true)] public string? Domicilio { get; set; }
    [XmlElement("nombrePadre", IsNullable = true)] public string? NombrePadre { get; set; }
    [XmlElement("nombreMadre", IsNullable = true)] public string? NombreMadre { get; set; }
    [XmlElement("fotografia", IsNullable = true)] public string? Fotografia { get; set; }
    [XmlElement("firma", IsNullable = true)] public string? Firma { get; set; }
    /// <summary>Name search only: the person's document.</summary>
    [XmlElement("documento")] public SoapDocument? Document { get; set; }

    public bool ShouldSerializeNombres() => Present.Contains("nombres");
    public bool ShouldSerializePrimerApellido() => Present.Contains("primerApellido");
    public bool ShouldSerializeSegundoApellido() => Present.Contains("segundoApellido");
    public bool ShouldSerializeApellidoCasada() => Present.Contains("apellidoCasada");
    public bool ShouldSerializeSexo() => Present.Contains("sexo");
    public bool ShouldSerializeProfesion() => Present.Contains("profesion");
    public bool ShouldSerializeFallecido() => Present.Contains("fallecido");
    public bool ShouldSerializeFechaNacimiento() => Present.Contains("fechaNacimiento");
    public bool ShouldSerializeLugarNacimiento() => Present.Contains("lugarNacimiento");
    public bool ShouldSerializeNacionalidad() => Present.Contains("nacionalidad");
    public bool ShouldSerializeEstadoCivil() => Present.Contains("estadoCivil");
    public bool ShouldSerializeDomicilio() => Present.Contains("domicilio");
    public bool ShouldSerializeNombrePadre() => Present.Contains("nombrePadre");
    public bool ShouldSerializeNombreMadre() => Present.Contains("nombreMadre");
    public bool ShouldSerializeFotografia() => Present.Contains("fotografia");
    public bool ShouldSerializeFirma() => Present.Contains("firma");
}
