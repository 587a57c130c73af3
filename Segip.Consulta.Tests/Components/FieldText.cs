using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Segip.Consulta.Tests.Components;

/// <summary>What a user reads around one field: its label, value and the messages shown under it.</summary>
public static class FieldText
{
    public static string Of<T>(IRenderedComponent<T> rendered, string inputSelector) where T : IComponent =>
        rendered.Find(inputSelector).Closest(".mud-input-control")?.TextContent ?? "";
}
