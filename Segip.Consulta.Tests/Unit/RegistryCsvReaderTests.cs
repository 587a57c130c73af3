using System.Text;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Registry;

namespace Segip.Consulta.Tests.Unit;

[Trait("Category", "Unit")]
public class RegistryCsvReaderTests
{
    private const string Good =
        "10,JUAN CARLOS,PÉREZ,MAMANI,,1985-03-14,M,BOLIVIANA,LA PAZ,CASADO,INGENIERO,\"AV. 6 DE AGOSTO N° 2170, LA PAZ\",,,N,,20,LIC,1234567,1A,LP,2015-06-01,2031-06-01,VIGENTE,B";

    [Fact]
    public void A_valid_row_becomes_a_person_and_a_document()
    {
        var row = RegistryCsvReader.Parse(Good);

        Assert.True(row.IsValid, row.Error);
        var p = row.Person!;
        Assert.Equal(10, p.Id);
        Assert.Equal("JUAN CARLOS", p.FirstNames);
        Assert.Equal("PÉREZ", p.FirstSurname);
        Assert.Null(p.MarriedSurname);
        Assert.Equal(new DateOnly(1985, 3, 14), p.BirthDate);
        Assert.Equal("AV. 6 DE AGOSTO N° 2170, LA PAZ", p.Address);
        Assert.Null(p.FatherName);
        Assert.False(p.IsDeceased);
        Assert.Null(p.DeceasedOn);
        Assert.Equal("PEREZ JUAN CARLOS", p.SearchName);
        var d = row.Document!;
        Assert.Equal((20L, 10L, DocumentType.DrivingLicence, "1234567", "1A", Department.LaPaz), (d.Id, d.PersonId, d.Type, d.Number, d.Complement, d.Department));
        Assert.Equal((new DateOnly(2015, 6, 1), new DateOnly(2031, 6, 1), DocumentStatus.InForce, "B"), (d.IssuedOn, d.ExpiresOn, d.Status, d.LicenceCategory));
    }

    [Fact]
    public void Quoted_values_unescape_doubled_quotes_keep_commas_and_are_trimmed()
    {
        var row = RegistryCsvReader.Parse(
            "10,\"  \"\"PEPE\"\" JUAN  \",  rojas  ,,,1985-03-14,M,BOLIVIANA,,,\"ING. \"\"CIVIL\"\"\",\" CALLE 1, N° 2 \",\"\",,S,2020-01-31,20,CI,1234567,,LP,2015-06-01,,VIGENTE,");

        Assert.True(row.IsValid, row.Error);
        Assert.Equal("\"PEPE\" JUAN", row.Person!.FirstNames);
        Assert.Equal("rojas", row.Person.FirstSurname);
        Assert.Equal("ING. \"CIVIL\"", row.Person.Profession);
        Assert.Equal("CALLE 1, N° 2", row.Person.Address);
        Assert.Null(row.Person.FatherName);
        Assert.True(row.Person.IsDeceased);
        Assert.Equal(new DateOnly(2020, 1, 31), row.Person.DeceasedOn);
        Assert.Equal("ROJAS \"PEPE\" JUAN", row.Person.SearchName);
        Assert.Equal("", row.Document!.Complement);
        Assert.Null(row.Document.ExpiresOn);
        Assert.Null(row.Document.LicenceCategory);
    }

    [Theory]
    [InlineData("x,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,,LP,2015-06-01,,VIGENTE,", "idPersona debe ser un número entero positivo.")]
    [InlineData("0,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,,LP,2015-06-01,,VIGENTE,", "idPersona debe ser un número entero positivo.")]
    [InlineData("10, ,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,,LP,2015-06-01,,VIGENTE,", "nombres es obligatorio.")]
    [InlineData("10,JUAN,,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,,LP,2015-06-01,,VIGENTE,", "Se requiere al menos un apellido.")]
    [InlineData("10,JUAN,PEREZ,,,1985-02-29,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,,LP,2015-06-01,,VIGENTE,", "fechaNacimiento es obligatoria con formato aaaa-mm-dd.")]
    [InlineData("10,JUAN,PEREZ,,,1985-3-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,,LP,2015-06-01,,VIGENTE,", "fechaNacimiento es obligatoria con formato aaaa-mm-dd.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,m,BOLIVIANA,,,,,,,N,,20,CI,1234567,,LP,2015-06-01,,VIGENTE,", "sexo debe ser M o F.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,,,,,,,,N,,20,CI,1234567,,LP,2015-06-01,,VIGENTE,", "nacionalidad es obligatoria.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,X,,20,CI,1234567,,LP,2015-06-01,,VIGENTE,", "fallecido debe ser S o N.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,S,31/01/2020,20,CI,1234567,,LP,2015-06-01,,VIGENTE,", "fechaDefuncion debe tener formato aaaa-mm-dd.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,-2,CI,1234567,,LP,2015-06-01,,VIGENTE,", "idDocumento debe ser un número entero positivo.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,ci,1234567,,LP,2015-06-01,,VIGENTE,", "tipoDocumento debe ser CI, CIE, LIC o LICE.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,12345678901,,LP,2015-06-01,,VIGENTE,", "numeroDocumento debe tener de 1 a 10 dígitos.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,１２３,,LP,2015-06-01,,VIGENTE,", "numeroDocumento debe tener de 1 a 10 dígitos.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,1a,LP,2015-06-01,,VIGENTE,", "complemento debe ser un dígito y una letra mayúscula, por ejemplo 1A.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,Ñ,LP,2015-06-01,,VIGENTE,", "complemento debe ser un dígito y una letra mayúscula, por ejemplo 1A.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,,XX,2015-06-01,,VIGENTE,", "departamento debe ser LP, CB, SC, OR, PT, CH, TJ, BE, PD o EX.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,,LP,,,VIGENTE,", "fechaEmision es obligatoria con formato aaaa-mm-dd.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,,LP,2015-06-01,2015-13-01,VIGENTE,", "fechaVencimiento debe tener formato aaaa-mm-dd.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,,LP,2015-06-01,,5,", "estadoDocumento debe ser VIGENTE, VENCIDO, ANULADO o BLOQUEADO.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,LICE,1234567,,LP,2015-06-01,,VIGENTE,Z", "categoriaLicencia debe ser A, B, C, P, M o T para licencias.")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CIE,1234567,,EX,2015-06-01,,VIGENTE,A", "categoriaLicencia solo corresponde a licencias (LIC, LICE).")]
    [InlineData("10,JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,,LP,2015-06-01,,VIGENTE,,", "La fila tiene 26 columnas; se esperaban 25.")]
    [InlineData("10,JUAN", "La fila tiene 2 columnas; se esperaban 25.")]
    [InlineData("10,\"JUAN,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,,LP,2015-06-01,,VIGENTE,", "Comillas sin cerrar en la fila.")]
    [InlineData("10,\"JUAN\"X,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,,LP,2015-06-01,,VIGENTE,", "Comillas sin cerrar en la fila.")]
    public void Each_invalid_row_is_rejected_with_its_reason(string line, string reason)
    {
        var row = RegistryCsvReader.Parse(line);
        Assert.False(row.IsValid);
        Assert.Equal(reason, row.Error);
    }

    [Fact]
    public void Spellings_dotnet_parsing_accepts_are_stored_in_their_canonical_form()
    {
        // Non-breaking spaces trim like string.Trim(); enum numbers parse like Enum.TryParse.
        var row = RegistryCsvReader.Parse("10,\u00A0JUAN\u00A0,PEREZ,,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,1,1234567,,10,2015-06-01,,4,");

        Assert.True(row.IsValid, row.Error);
        Assert.Equal("JUAN", row.Person!.FirstNames);
        Assert.Equal((DocumentType.IdentityCard, Department.Foreign, DocumentStatus.Blocked), (row.Document!.Type, row.Document.Department, row.Document.Status));
    }

    [Theory]
    [InlineData("pérez", "maría  josé")]
    [InlineData(null, "  juan\tcarlos ")]
    [InlineData("DE LA  CRUZ", "JOSÉ")]
    [InlineData("ñuflo", "ÿves ß")]
    [InlineData("o'brien", "ann-marie")]
    public void The_search_name_is_the_normalizer_s(string? surname, string names)
    {
        var row = RegistryCsvReader.Parse($"10,{names},{surname},X,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,,LP,2015-06-01,,VIGENTE,");
        Assert.True(row.IsValid, row.Error);
        Assert.Equal(TextNormalizer.SearchName(surname?.Trim(), names.Trim()), row.Person!.SearchName);
    }

    [Fact]
    public void The_ascii_search_name_matches_the_normalizer_on_random_names()
    {
        var random = new Random(591);
        const string alphabet = "abcxyzABCXYZ .-'\t";
        for (var i = 0; i < 2000; i++)
        {
            string Name() => new(Enumerable.Range(0, random.Next(1, 14)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var surname = Name();
            var names = "N" + Name();
            var row = RegistryCsvReader.Parse($"10,{names},{surname},X,,1985-03-14,M,BOLIVIANA,,,,,,,N,,20,CI,1234567,,LP,2015-06-01,,VIGENTE,");
            Assert.True(row.IsValid, row.Error);
            var trimmed = surname.Trim();
            Assert.Equal(TextNormalizer.SearchName(trimmed.Length == 0 ? null : trimmed, names.Trim()), row.Person!.SearchName);
        }
    }

    [Fact]
    public void Lines_end_at_lf_crlf_or_cr_even_across_reads()
    {
        var bytes = Encoding.UTF8.GetBytes("uno\r\ndos\rtres\n\ncuatro\r\r\ncinco");
        var source = new RegistryLineSource(new OneByteAtATime(bytes));
        var lines = new List<string>();
        while (source.TryReadLine(out var line)) lines.Add(Encoding.UTF8.GetString(line));

        Assert.Equal(["uno", "dos", "tres", "", "cuatro", "", "cinco"], lines);
        Assert.Equal(7, source.LineNumber);
        Assert.Equal(bytes.Length, source.Position);
    }

    [Fact]
    public void Invalid_utf8_is_read_as_replacement_characters_like_a_stream_reader()
    {
        var line = Encoding.UTF8.GetBytes(Good.Replace("JUAN CARLOS", "JUAN@CARLOS"));
        line[Array.IndexOf(line, (byte)'@')] = 0xFF;
        var batch = new RegistryBatch(1);

        RegistryLineParser.Parse(line, 2, batch);

        Assert.Null(batch.Records[0].Error);
        Assert.Equal("JUAN\uFFFDCARLOS", batch.Text(0, 1));
    }

    private sealed class OneByteAtATime(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }
}
