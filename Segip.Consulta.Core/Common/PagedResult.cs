namespace Segip.Consulta.Core.Common;

/// <summary>One page of a server-side paged list and the total count behind it.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total);

/// <summary>Page number (0-based) and size as tables send them, clamped to sane bounds.</summary>
public record PageRequest
{
    public int Page { get; init; }
    public int PageSize { get; init; } = 20;

    public int Skip => Math.Max(Page, 0) * Take;
    public int Take => Math.Clamp(PageSize, 1, 100);
}
