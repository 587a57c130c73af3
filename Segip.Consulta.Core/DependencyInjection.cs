using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// <summary>Registers the data layer, Identity stores and the Core services.</summary>
    public static IServiceCollection AddConsultaCore(this IServiceCollection services, IConfiguration configuration,
        string contentRoot, bool isDevelopment)
    {
        var database = DatabaseSettings.FromConfiguration(configuration, contentRoot);
        services.AddSingleton(database);
        services.AddSingleton<AccessChangeSignal>();
        // Several instances on one PostgreSQL database: access changes made on one reach the others at once.
        if (database.IsPostgres) services.AddHostedService<PostgresAccessChangeListener>();
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

        services.Configure<SeedOptions>(configuration.GetSection(SeedOptions.SectionName));
        services.AddSingleton(new CredentialHasher(CredentialKey(configuration, isDevelopment)));

        // The meter first: the audit writer, the gate and the workers report to it.
        services.AddMetrics();
        services.AddSingleton<Features.Telemetry.ConsultaMetrics>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditVerifier>();
        services.Configure<AuditCheckpointOptions>(configuration.GetSection(AuditCheckpointOptions.SectionName));
        services.AddSingleton<AuditCheckpointSigner>();
        services.AddSingleton<AuditCheckpointService>();
        services.AddSingleton<IValidator<AuditSearchFilter>, AuditSearchFilterValidator>();
        services.AddSingleton<AuditSearchService>();
        services.AddSingleton<AuditStatisticsService>();
        services.AddSingleton<Features.Operations.OperationsStatisticsService>();
        services.AddSingleton<AuditExportService>();
        services.AddSingleton<AuditExportJobs>();
        services.Configure<AuditExportOptions>(configuration.GetSection(AuditExportOptions.SectionName));
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
        services.Configure<CredentialOptions>(configuration.GetSection(CredentialOptions.SectionName));
        services.AddSingleton<IValidator<CredentialInput>, CredentialInputValidator>();
        services.AddSingleton<CredentialAuthenticator>();
        services.AddSingleton<CredentialService>();
        services.AddSingleton<QuotaReservations>();
        services.AddSingleton<QuotaService>();
        services.TryAddSingleton(Features.Sandbox.DeploymentMode.Regular);
        services.AddSingleton<Features.Sandbox.SyntheticRegistryCheck>();
        services.AddSingleton(SigningCertificate.Load(configuration, database.DataFolder, isDevelopment));
        services.AddSingleton<DetachedJws>();
        services.AddSingleton(new CertificateOptions(configuration["PublicBaseUrl"]));
        services.AddSingleton<CertificatePdfWriter>();
        services.AddSingleton<IValidator<CertificateRevocationInput>, CertificateRevocationInputValidator>();
        services.AddSingleton<CertificateService>();
        services.Configure<MisuseOptions>(configuration.GetSection(MisuseOptions.SectionName));
        services.AddSingleton<MisuseDetector>();
        services.AddSingleton<MisuseAlertService>();
        services.AddSingleton<ProtectedPersonService>();
        services.AddSingleton<MisuseThresholdStore>();
        services.AddSingleton<MisuseThresholdService>();
        services.AddSingleton<IValidator<MisuseThresholdInput>, MisuseThresholdInputValidator>();
        services.AddSingleton<Features.Citizens.CitizenQueryService>();
        services.AddSingleton<Features.Citizens.CitizenReportPdfWriter>();
        services.AddSingleton<Features.Citizens.CitizenReportService>();
        services.Configure<Features.Disputes.DisputeOptions>(configuration.GetSection(Features.Disputes.DisputeOptions.SectionName));
        services.AddSingleton<Features.Disputes.DisputeService>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoSeeder>();
        return services;
    }

    /// <summary><c>Credentials:HashKey</c> (base64, ≥32 bytes); Development falls back to a fixed, public key.</summary>
    private static byte[] CredentialKey(IConfiguration configuration, bool isDevelopment)
    {
        var text = configuration["Credentials:HashKey"];
        if (!string.IsNullOrWhiteSpace(text))
        {
            var key = Convert.FromBase64String(text);
            if (key.Length < 32) throw new InvalidOperationException("Credentials:HashKey debe tener al menos 32 bytes (en base64).");
            return key;
        }
        if (!isDevelopment) throw new InvalidOperationException("Falta Credentials:HashKey: la clave para verificar las credenciales del servicio web.");
        return System.Text.Encoding.UTF8.GetBytes("segip-consulta-development-only-credential-key");
    }
}
