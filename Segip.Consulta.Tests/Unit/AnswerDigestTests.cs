using System.Security.Cryptography;
using System.Text;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Tests.Unit;

/// <summary>The digest of the delivered data (issue 19): a text an auditor can rebuild by hand from a copy of the answer.</summary>
[Trait("Category", "Unit")]
public class AnswerDigestTests
{
    private static readonly DisclosedPerson Person = new(DocumentType.IdentityCard, "1234567", "1A",
    [
        new DisclosedField("primerApellido", "PÉREZ \"EL\" MAMANI"),
        new DisclosedField("nombres", "JUAN\tCARLOS"),
        new DisclosedField("fallecido", false),
        new DisclosedField("apellidoCasada", null),
    ]);

    [Fact]
    public void The_canonical_text_sorts_keys_and_escapes_only_what_json_requires()
    {
        const string expected =
            "{\"personas\":[{\"campos\":{\"apellidoCasada\":null,\"fallecido\":false,\"nombres\":\"JUAN\\tCARLOS\",\"primerApellido\":\"PÉREZ \\\"EL\\\" MAMANI\"}," +
            "\"complemento\":\"1A\",\"numero\":\"1234567\",\"tipo\":\"CI\"}]}";
        Assert.Equal(expected, AnswerDigest.Canonical([Person]));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), AnswerDigest.Of([Person]));
    }

    [Fact]
    public void A_verification_digests_its_matches_and_the_document_status()
    {
        var matches = new Dictionary<string, bool> { ["primerApellido"] = false, ["nombres"] = true };
        const string expected = "{\"coincidencias\":{\"nombres\":true,\"primerApellido\":false},\"estadoDocumento\":\"VIGENTE\"}";
        Assert.Equal(expected, AnswerDigest.Canonical(matches, DocumentStatus.InForce));
        Assert.NotEqual(AnswerDigest.Of(matches, DocumentStatus.InForce), AnswerDigest.Of(matches, DocumentStatus.Expired));
    }

    [Fact]
    public void Any_delivered_value_changes_the_digest_and_no_data_has_none()
    {
        var other = Person with { Fields = [.. Person.Fields.Take(3), new DisclosedField("apellidoCasada", "")] };
        Assert.NotEqual(AnswerDigest.Of([Person]), AnswerDigest.Of([other]));
        Assert.NotEqual(AnswerDigest.Of([Person]), AnswerDigest.Of([Person with { Complement = "" }]));
        Assert.Null(AnswerDigest.Of([]));
    }
}
