using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Segip.Consulta.Core.Domain;

/// <summary>
/// The contract's code of an enum member (CREDENCIAL_INVALIDA, EN_REVISION…). Members are C# names; each carries
/// its code once, in <see cref="JsonStringEnumMemberNameAttribute"/>, which System.Text.Json honours by itself (REST,
/// the change history's JSON). Every other boundary — the database, SOAP, CSV, PDF and the audit hash — maps through
/// <see cref="ToCode{T}"/> and <see cref="TryParseCode{T}"/>, so the stored and sent texts stay the codes.
/// </summary>
public static class ContractCodes
{
    /// <summary>The member's contract code (its name when it declares none).</summary>
    public static string ToCode<T>(this T value) where T : struct, Enum =>
        Codes<T>.ByValue.TryGetValue(value, out var code) ? code : value.ToString();

    /// <summary>Every member's code, in declaration order (an enumeration in the API's schema).</summary>
    public static string[] All<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(ToCode)];

    /// <summary>The member with this exact code; a number or another spelling is no code.</summary>
    public static bool TryParseCode<T>(string? code, out T value) where T : struct, Enum
    {
        value = default;
        return code is not null && Codes<T>.ByCode.TryGetValue(code, out value);
    }

    public static T ParseCode<T>(string code) where T : struct, Enum =>
        TryParseCode<T>(code, out var value) ? value
        : throw new FormatException($"«{code}» no es un código de {typeof(T).Name}.");

    /// <summary>Read once per enum type.</summary>
    private static class Codes<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToFrozenDictionary(f => (T)f.GetValue(null)!, f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

        public static readonly FrozenDictionary<string, T> ByCode = ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}

/// <summary>Stores an enum as its contract code (the same text the column always held).</summary>
public sealed class ContractCodeConverter<T>() : ValueConverter<T, string>(v => v.ToCode(), s => ContractCodes.ParseCode<T>(s))
    where T : struct, Enum;
