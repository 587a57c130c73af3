using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Data.Seed;

/// <summary>The Development accounts of docs/operations.md. They never exist outside Development.</summary>
public static class DemoAccounts
{
    public const string Password = "Demo-2026!";
    public const string Admin = "admin@segip.demo";
    public const string Legal = "juridico@segip.demo";
    public const string Auditor = "auditor@segip.demo";
    public const string BankAdmin = "admin@bancodemo.demo";
    public const string BankOfficer = "oficial@bancodemo.demo";
    public const string TseOfficer = "oficial@tse.demo";

    public const string BankName = "Banco Demo S.A.";
    public const string TseName = "Tribunal Supremo Electoral";
    public const string ExpiredName = "Cooperativa Demo Vencida Ltda.";

    public static readonly (string Email, string FullName, string Role, string? Institution, string? EndUserCode)[] All =
    [
        (Admin, "Administrador SEGIP (demo)", Roles.SegipAdmin, null, null),
        (Legal, "Dirección Jurídica (demo)", Roles.Legal, null, null),
        (Auditor, "Auditor (demo)", Roles.Auditor, null, null),
        (BankAdmin, "Administrador Banco Demo", Roles.InstitutionAdmin, BankName, null),
        (BankOfficer, "Oficial Banco Demo", Roles.Officer, BankName, "BD-001"),
        (TseOfficer, "Oficial TSE", Roles.Officer, TseName, "TSE-001"),
    ];
}
