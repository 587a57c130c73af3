using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;

namespace Segip.Consulta.Tests.Unit;

[Trait("Category", "Unit")]
public class AuditChainTests
{
    private static AuditRecord Record() => new()
    {
        Sequence = 7, ConsultaId = Guid.Parse("6f1c1f59-7d1a-4d8e-a4a5-0c7f9f3d2b11"), TimestampUtc = new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc),
        InstitutionId = 1, AgreementId = 2, AccessLevelId = 3, EndUserCode = "BD-001", Channel = Channel.WEB, ClientIp = "127.0.0.1",
        QueryType = QueryType.DOCUMENTO, SearchKeys = "CI 1234567", DocumentNumber = "1234567", Purpose = "Apertura de cuenta",
        Result = QueryResult.ENCONTRADO, DisclosedFields = "nombres,primerApellido", CorrelationId = "abc", Hash = [],
    };

    [Fact]
    public void Same_record_and_predecessor_give_the_same_hash() =>
        Assert.Equal(AuditChain.ComputeHash(AuditChain.GenesisHash, Record()), AuditChain.ComputeHash(AuditChain.GenesisHash, Record()));

    [Fact]
    public void Any_changed_column_changes_the_hash()
    {
        var original = AuditChain.ComputeHash(AuditChain.GenesisHash, Record());
        var changes = new Action<AuditRecord>[]
        {
            r => r.Sequence = 8, r => r.TimestampUtc = r.TimestampUtc.AddTicks(1), r => r.InstitutionId = null,
            r => r.EndUserCode = "BD-002", r => r.Purpose = "Apertura de cuentas", r => r.Result = QueryResult.NO_ENCONTRADO,
            r => r.DisclosedFields = "nombres", r => r.ClientIp = "127.0.0.2", r => r.CertificateNumber = "C-1",
        };
        foreach (var change in changes)
        {
            var r = Record();
            change(r);
            Assert.NotEqual(original, AuditChain.ComputeHash(AuditChain.GenesisHash, r));
        }
        Assert.NotEqual(original, AuditChain.ComputeHash(new byte[32].Select(_ => (byte)1).ToArray(), Record()));
    }

    [Fact]
    public void Null_and_empty_text_are_different()
    {
        var withNull = Record();
        withNull.ConsentReference = null;
        var withEmpty = Record();
        withEmpty.ConsentReference = "";
        Assert.NotEqual(AuditChain.ComputeHash(AuditChain.GenesisHash, withNull), AuditChain.ComputeHash(AuditChain.GenesisHash, withEmpty));
    }
}
