using System.Text.Json;
using System.Text.Json.Serialization;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Credentials;

namespace Segip.Consulta.Tests.Unit;

/// <summary>Enum members have C# names; the database, JSON and the audit hash still see the contract's codes.</summary>
[Trait("Category", "Unit")]
public class ContractCodesTests
{
    [Fact]
    public void A_member_maps_to_its_contract_code_and_back_and_nothing_else_parses()
    {
        Assert.Equal("EN_REVISION", AlertState.InReview.ToCode());
        Assert.Equal("EN_REVISION", CaseState.InReview.ToCode());
        Assert.True(ContractCodes.TryParseCode<CaseState>("EN_REVISION", out var state));
        Assert.Equal(CaseState.InReview, state);
        Assert.False(ContractCodes.TryParseCode<CaseState>("InReview", out _));
        Assert.False(ContractCodes.TryParseCode<CaseState>("en_revision", out _));
        Assert.False(ContractCodes.TryParseCode<CaseState>("2", out _));
        Assert.Throws<FormatException>(() => ContractCodes.ParseCode<AlertSeverity>("High"));
        // A member without a declared code is its own code (the subject kinds were always hashed by name).
        Assert.Equal("Disclosed", AuditSubjectKind.Disclosed.ToCode());
    }

    [Fact]
    public void The_database_and_json_store_the_same_codes_as_before()
    {
        var converter = new ContractCodeConverter<AlertSeverity>();
        Assert.Equal("ALTA", converter.ConvertToProvider(AlertSeverity.High));
        Assert.Equal(AlertSeverity.Low, converter.ConvertFromProvider("BAJA"));
        var json = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } };
        Assert.Equal("[\"INFUNDADO\",\"REVOCADA\"]", JsonSerializer.Serialize(new object[] { CaseOutcome.Unfounded, CredentialStatus.Revoked }, json));
        Assert.Equal(AlertState.Closed, JsonSerializer.Deserialize<AlertState>("\"CERRADA\"", json));
    }

    [Theory]
    [InlineData(typeof(AlertSeverity), "BAJA MEDIA ALTA")]
    [InlineData(typeof(AlertState), "NUEVA EN_REVISION CERRADA")]
    [InlineData(typeof(CaseState), "ABIERTO EN_REVISION RESUELTO")]
    [InlineData(typeof(CaseOutcome), "FUNDADO INFUNDADO")]
    [InlineData(typeof(CredentialStatus), "SOLICITADA ACTIVA VENCIDA REVOCADA")]
    [InlineData(typeof(DocumentStatus), "VIGENTE VENCIDO ANULADO BLOQUEADO")]
    [InlineData(typeof(Department), "LP CB SC OR PT CH TJ BE PD EX")]
    [InlineData(typeof(AgreementStatus), "BORRADOR VIGENTE SUSPENDIDO VENCIDO RESCINDIDO")]
    [InlineData(typeof(QueryResult), "ENCONTRADO NO_ENCONTRADO DENEGADO COINCIDE NO_COINCIDE EMITIDO")]
    [InlineData(typeof(RefusalReason), "CREDENCIAL_INVALIDA CONVENIO_NO_VIGENTE CANAL_NO_PERMITIDO USUARIO_FINAL_NO_HABILITADO IP_NO_PERMITIDA "
        + "CUOTA_AGOTADA SOLICITUD_INVALIDA CONSENTIMIENTO_REQUERIDO OPERACION_NO_PERMITIDA LIMITE_DE_FRECUENCIA")]
    [InlineData(typeof(Channel), "WEB SERVICIO_WEB")]
    [InlineData(typeof(Channels), "None WEB SERVICIO_WEB")]
    [InlineData(typeof(QueryType), "DOCUMENTO CONTRASTACION NOMBRE CERTIFICADO")]
    [InlineData(typeof(DocumentType), "CI CIE LIC LICE")]
    [InlineData(typeof(MisuseRule), "VOLUMEN_INUSUAL FUERA_DE_HORARIO ENUMERACION PERSONA_MUY_CONSULTADA PERSONA_PROTEGIDA RECHAZOS_REPETIDOS "
        + "FINALIDAD_DEBIL BUSQUEDA_AMPLIA_POR_NOMBRE")]
    public void Each_enum_keeps_every_code_of_the_contract(Type type, string codes) =>
        Assert.Equal(codes, string.Join(' ', Enum.GetValues(type).Cast<Enum>().Select(Code)));

    private static string Code(Enum value) =>
        (string)typeof(ContractCodes).GetMethod(nameof(ContractCodes.ToCode))!.MakeGenericMethod(value.GetType()).Invoke(null, [value])!;
}
