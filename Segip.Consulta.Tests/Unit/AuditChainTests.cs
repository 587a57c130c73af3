using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;

namespace Segip.Consulta.Tests.Unit;

[Trait("Category", "Unit")]
public class AuditChainTests
{
    private static AuditRecord Record() => new()
    {
        Sequence = 7, QueryId = Guid.Parse("6f1c1f59-7d1a-4d8e-a4a5-0c7f9f3d2b11"), TimestampUtc = new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc),
        InstitutionId = 1, AgreementId = 2, AccessLevelId = 3, EndUserCode = "BD-001", Channel = Channel.Web, ClientIp = "127.0.0.1",
        QueryType = QueryType.Document, SearchKeys = "CI 1234567", DocumentNumber = "1234567", Purpose = "Apertura de cuenta",
        Result = QueryResult.Found, DisclosedFields = "nombres,primerApellido", CorrelationId = "abc", Hash = [],
        DocumentType = DocumentType.IdentityCard, DocumentComplement = "", AnswerSha256 = Enumerable.Repeat((byte)7, 32).ToArray(),
        Subjects = [new AuditSubject { AuditSequence = 7, PersonId = 41, Kind = AuditSubjectKind.Disclosed }],
    };

    private static AuditRecord Version1() { var r = Record(); r.HashVersion = AuditChainVersion.Original; return r; }

    private static string Hex(AuditRecord r) => Convert.ToHexString(AuditChain.ComputeHash(AuditChain.GenesisHash, r));

    [Fact]
    public void Version_1_records_hash_exactly_as_the_first_release_wrote_them()
    {
        // Computed from the first release's encoding (every column of that release, length-prefixed UTF-8 text):
        // records written before version 2 must keep verifying.
        Assert.Equal("D5973507489EF3C5F6475E37E730260F8343B90FF2E1494EBD89CA9CF65DF0A0", Hex(Version1()));
    }

    [Fact]
    public void Version_2_records_hash_exactly_as_written_when_enum_members_were_the_codes()
    {
        // Computed before enum members got C# names, when the encoding wrote the member names (WEB, DENEGADO…):
        // the contract-code mapping must write the same bytes, or every existing chain would stop verifying.
        Assert.Equal("88FC6693C260729E27F22F6CAD9EAD3D2A6BE6148318A765FC4246EBCA8AE110", Hex(Record()));
        var refused = Record();
        refused.Channel = Channel.WebService;
        refused.QueryType = QueryType.Verification;
        refused.Result = QueryResult.Refused;
        refused.RefusalReason = RefusalReason.EndUserNotEnabled;
        refused.DocumentType = DocumentType.ForeignerDrivingLicence;
        refused.Subjects = [new AuditSubject { AuditSequence = 7, PersonId = 41, Kind = AuditSubjectKind.Verified }];
        Assert.Equal("704F113D293E45DDBC7479A0FC78193F50EB203666C98F7DB2626A23DB0C71D8", Hex(refused));
    }

    [Fact]
    public void Version_1_ignores_what_it_never_stored_and_version_2_hashes_it()
    {
        var bare = Version1();
        bare.DocumentType = null;
        bare.AnswerSha256 = null;
        bare.Subjects = [];
        Assert.Equal(Hex(Version1()), Hex(bare));
        Assert.NotEqual(Hex(Version1()), Hex(Record()));
    }

    [Fact]
    public void Every_version_2_column_and_subject_changes_the_hash()
    {
        var original = Hex(Record());
        var changes = new Action<AuditRecord>[]
        {
            r => r.DocumentType = DocumentType.ForeignerIdentityCard, r => r.DocumentComplement = "1A", r => r.DocumentComplement = null,
            r => r.AnswerSha256 = new byte[32], r => r.AnswerSha256 = null, r => r.Subjects = [],
            r => r.Subjects = [new AuditSubject { AuditSequence = 7, PersonId = 42, Kind = AuditSubjectKind.Disclosed }],
            r => r.Subjects = [new AuditSubject { AuditSequence = 7, PersonId = 41, Kind = AuditSubjectKind.Verified }],
            r => r.Subjects = [.. r.Subjects, new AuditSubject { AuditSequence = 7, PersonId = 43, Kind = AuditSubjectKind.Disclosed }],
            r => r.Purpose = "Otra finalidad",
        };
        foreach (var change in changes)
        {
            var r = Record();
            change(r);
            Assert.NotEqual(original, Hex(r));
        }
    }

    [Fact]
    public void An_unknown_encoding_version_is_refused_not_guessed()
    {
        var r = Record();
        r.HashVersion = AuditChainVersion.Current + 1;
        Assert.Throws<ArgumentOutOfRangeException>(() => AuditChain.ComputeHash(AuditChain.GenesisHash, r));
    }

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
            r => r.EndUserCode = "BD-002", r => r.Purpose = "Apertura de cuentas", r => r.Result = QueryResult.NotFound,
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
