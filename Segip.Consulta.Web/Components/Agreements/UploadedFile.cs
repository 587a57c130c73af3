using Microsoft.AspNetCore.Components.Forms;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Web.Components.Shared;

namespace Segip.Consulta.Web.Components.Agreements;

/// <summary>An adenda as submitted: its data and its signed PDF.</summary>
public sealed record AmendmentSubmission(AmendmentInput Input, string? FileName, byte[] Content);

/// <summary>Reads a picked file from the browser, refusing oversize files before streaming them.</summary>
public static class UploadedFile
{
    public static async Task<(string? FileName, byte[]? Content)> ReadAsync(IBrowserFile file, ErrorMap errors)
    {
        if (file.Size > SignedDocument.MaxBytes)
        {
            errors.Replace("Document", SignedDocument.TooLarge);
            return (null, null);
        }
        using var stream = new MemoryStream();
        await file.OpenReadStream(SignedDocument.MaxBytes).CopyToAsync(stream);
        var content = stream.ToArray();
        if (SignedDocument.Problem(content) is { } problem) errors.Replace("Document", problem);
        return (file.Name, content);
    }
}
