using Segip.Consulta.Core.Common;

namespace Segip.Consulta.Core.Features.EndUsers;

public sealed record EndUserSearch : PageRequest
{
    /// <summary>Part of the code, document number or name.</summary>
    public string? Text { get; init; }
    public bool? Enabled { get; init; }
}

/// <summary>An end user in the staff list, with the web login it has (if any).</summary>
public sealed record EndUserRow(EndUserView User, string? LoginEmail);
