using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.AccessLevels;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Certificates;
using Segip.Consulta.Core.Features.ChangeHistory;
using Segip.Consulta.Core.Features.EndUsers;
using Segip.Consulta.Core.Features.Institutions;
using Segip.Consulta.Core.Features.Credentials;
using Segip.Consulta.Core.Features.Misuse;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Core.Features.Registry;
using Segip.Consulta.Core.Features.Signing;

namespace Segip.Consulta.Core;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the settings, the data layer, Identity stores and the Core services. Nothing is read, loaded or
    /// created here: each section binds to its options class, validated when the host starts
    /// (<see cref="SettingsRefusal"/>) under the <paramref name="hosting"/> rules.
    /// </summary>
    public static IServiceCollection AddConsultaCore(this IServiceCollection services, IConfiguration configuration,
        string contentRoot, HostingRules hosting)
    {
        services.TryAddSingleton(configuration);
        services.AddCoreOptions(hosting);
        services.AddSingleton(sp => DatabaseSettings.From(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, contentRoot));
        services.AddSingleton<AccessChangeSignal>();
        // Several instances on one PostgreSQL database: access changes made on one reach the others at once.
        services.AddHostedService<PostgresAccessChangeListener>();
        services.AddSingleton<IDbContextFactory<ConsultaDbContext>, ConsultaDbContextFactory>();
        // Identity's stores want a scoped context; everything else opens one per operation.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ConsultaDbContext>>().CreateDbContext());
        services.TryAddSingleton(TimeProvider.System);

        // Keys in the database: every instance behind a load balancer reads the same cookies and tokens;
        // encrypted with a certificate, so reading the table is not enough to forge them.
        services.AddDataProtection().SetApplicationName("Segip.Consulta").PersistKeysToDbContext<ConsultaDbContext>()
            .ProtectKeysWithConfiguredCertificate(configuration);

        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireDigit = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                // Authenticator codes are accepted once each (OneUseAuthenticatorTokenProvider).
                o.Tokens.AuthenticatorTokenProvider = OneUseAuthenticatorTokenProvider.Name;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ConsultaDbContext>()
            .AddErrorDescriber<SpanishIdentityErrorDescriber>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneUseAuthenticatorTokenProvider>(OneUseAuthenticatorTokenProvider.Name);

        services.AddSingleton(sp => new CredentialHasher(sp.GetRequiredService<IOptions<CredentialOptions>>().Value.HashKeyBytes()));

        // The meter first: the audit writer, the gate and the workers report to it.
        services.AddMetrics();
        services.AddSingleton<Features.Telemetry.ConsultaMetrics>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<AuditCheckpointSigner>();
        services.AddSingleton<AuditCheckpointService>();
        services.AddSingleton<IValidator<AuditSearchFilter>, AuditSearchFilterValidator>();
        services.AddSingleton<AuditSearchService>();
        services.AddSingleton<AuditStatisticsService>();
        services.AddSingleton<Features.Operations.OperationsStatisticsService>();
        services.AddSingleton<AuditExportService>();
        services.AddSingleton<AuditExportJobs>();
        services.AddSingleton<IValidator<ChangeHistoryFilter>, ChangeHistoryFilterValidator>();
        services.AddSingleton<ChangeHistorySearchService>();
        services.AddSingleton<IValidator<QueryRequest>, QueryRequestValidator>();
        services.AddSingleton<InstitutionAccessCache>();
        services.AddSingleton<RegistryLookup>();
        services.AddSingleton<QueryGate>();
        services.AddSingleton<RegistryBulkWriter>();
        services.AddSingleton<RegistryImporter>();
        services.AddSingleton<OfficerContextService>();
        services.AddSingleton<ChangeLog>();
        services.AddSingleton<SignInHistory>();
        services.AddSingleton<IValidator<EndUserInput>, EndUserInputValidator>();
        services.AddSingleton<EndUserService>();
        services.AddSingleton<IValidator<OfficerLoginInput>, OfficerLoginInputValidator>();
        services.AddSingleton<OfficerLoginService>();
        services.AddSingleton<ChangeHistoryReader>();
        services.AddSingleton<IValidator<InstitutionInput>, InstitutionInputValidator>();
        services.AddSingleton<InstitutionService>();
        services.AddSingleton<IValidator<AccessLevelInput>, AccessLevelInputValidator>();
        services.AddSingleton<AccessLevelService>();
        services.AddSingleton<IValidator<AgreementInput>, AgreementInputValidator>();
        services.AddSingleton<IValidator<AmendmentInput>, AmendmentInputValidator>();
        services.AddSingleton<AgreementService>();
        services.AddSingleton<AgreementExpiryJob>();
        services.AddMemoryCache();
        services.AddSingleton<IValidator<CredentialInput>, CredentialInputValidator>();
        services.AddSingleton<CredentialAuthenticator>();
        services.AddSingleton<CredentialService>();
        services.AddSingleton<QuotaReservations>();
        services.AddSingleton<QuotaService>();
        services.TryAddSingleton(Features.Sandbox.DeploymentMode.Regular);
        services.AddSingleton<Features.Sandbox.SyntheticRegistryCheck>();
        services.AddSingleton(sp => SigningCertificate.Load(sp.GetRequiredService<IOptions<SigningOptions>>().Value,
            sp.GetRequiredService<DatabaseSettings>().DataFolder, hosting.MayGenerateKeys));
        services.AddSingleton<DetachedJws>();
        services.AddSingleton<CertificatePdfWriter>();
        services.AddSingleton<IValidator<CertificateRevocationInput>, CertificateRevocationInputValidator>();
        services.AddSingleton<CertificateService>();
        services.AddSingleton<MisuseDetector>();
        services.AddSingleton<IValidator<AlertFilter>, AlertFilterValidator>();
        services.AddSingleton<IValidator<AlertAssignment>, AlertAssignmentValidator>();
        services.AddSingleton<IValidator<AlertClosing>, AlertClosingValidator>();
        services.AddSingleton<MisuseAlertService>();
        services.AddSingleton<IValidator<ProtectedPersonInput>, ProtectedPersonInputValidator>();
        services.AddSingleton<ProtectedPersonService>();
        services.AddSingleton<MisuseThresholdStore>();
        services.AddSingleton<MisuseThresholdService>();
        services.AddSingleton<IValidator<MisuseThresholdInput>, MisuseThresholdInputValidator>();
        services.AddSingleton<Features.Citizens.CitizenQueryService>();
        services.AddSingleton<Features.Citizens.CitizenReportPdfWriter>();
        services.AddSingleton<Features.Citizens.CitizenReportService>();
        services.AddSingleton<IValidator<Features.Disputes.CaseAssignment>, Features.Disputes.CaseAssignmentValidator>();
        services.AddSingleton<IValidator<Features.Disputes.CaseNote>, Features.Disputes.CaseNoteValidator>();
        services.AddSingleton<IValidator<Features.Disputes.CaseAnswer>, Features.Disputes.CaseAnswerValidator>();
        services.AddSingleton<IValidator<Features.Disputes.CaseResolution>, Features.Disputes.CaseResolutionValidator>();
        services.AddSingleton<Features.Disputes.DisputeService>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoSeeder>();
        return services;
    }

    /// <summary>One options class per section, each checked by its validator when the host starts.</summary>
    private static void AddCoreOptions(this IServiceCollection services, HostingRules hosting)
    {
        services.AddSingleton(hosting);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName)
            .Configure<IConfiguration>((o, c) => o.ConnectionString ??= c.GetConnectionString(DatabaseOptions.ConnectionStringName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddOptions<DataProtectionCertificateOptions>().BindConfiguration(DataProtectionCertificateOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DataProtectionCertificateOptions>, DataProtectionCertificateOptionsValidator>();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SeedOptions>, SeedOptionsValidator>();
        services.AddOptions<SigningOptions>().BindConfiguration(SigningOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SigningOptions>, SigningOptionsValidator>();
        services.AddOptions<CredentialOptions>().BindConfiguration(CredentialOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CredentialOptions>, CredentialOptionsValidator>();
        // A top-level setting, PublicBaseUrl, so bound from the root.
        services.AddOptions<CertificateOptions>().Configure<IConfiguration>((o, c) => c.Bind(o)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CertificateOptions>, CertificateOptionsValidator>();
        services.AddOptions<AuditCheckpointOptions>().BindConfiguration(AuditCheckpointOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditCheckpointOptions>, AuditCheckpointOptionsValidator>();
        services.AddOptions<AuditExportOptions>().BindConfiguration(AuditExportOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditExportOptions>, AuditExportOptionsValidator>();
        services.AddOptions<MisuseOptions>().BindConfiguration(MisuseOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MisuseOptions>, MisuseOptionsValidator>();
        services.AddOptions<Features.Disputes.DisputeOptions>().BindConfiguration(Features.Disputes.DisputeOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Features.Disputes.DisputeOptions>, Features.Disputes.DisputeOptionsValidator>();
    }
}
