using Microsoft.AspNetCore.Components.Forms;
using Segip.Consulta.Core.Features.Agreements;

namespace Segip.Consulta.Web.Components.Agreements;

/// <summary>An adenda as submitted: its data and its signed PDF.</summary>
public sealed record AmendmentSubmission(AmendmentInput Input, string? FileName, byte[] Content);

/// <summary>Reads a picked file from the browser, refusing oversize files before streaming them.</summary>
public static class UploadedFile
{
    /// <summary>The file's name and bytes, or the Core's reason to refuse it (too large, not a PDF).</summary>
    public static async Task<(string? FileName, byte[]? Content, string? Problem)> ReadAsync(IBrowserFile file)
    {
        if (file.Size > SignedDocument.MaxBytes) return (null, null, SignedDocument.TooLarge);
        using var stream = new MemoryStream();
        await file.OpenReadStream(SignedDocument.MaxBytes).CopyToAsync(stream);
        var content = stream.ToArray();
        return (file.Name, content, SignedDocument.Problem(content));
    }
}
