using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

// The provider matrix: every test class below runs as written on SQLite (the base class) and again, unchanged,
// on a fresh database of the run's PostgreSQL server (the class here, named "<Base>OnPostgres"). A new database
// test class gets its line here. `--filter-class "*QueryGateTests*"` runs both; without SEGIP_TEST_POSTGRES the
// PostgreSQL classes are skipped with the reason (and fail in CI). See TestPostgres.

/// <summary>Where the provider matrix is declared (this file).</summary>
internal static class ProviderMatrix;

public sealed class QueryGateTestsOnPostgres : QueryGateTests
{
    public QueryGateTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class AuditLogConcurrencyTestsOnPostgres : AuditLogConcurrencyTests
{
    public AuditLogConcurrencyTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class AuditIntegrityTestsOnPostgres : AuditIntegrityTests
{
    public AuditIntegrityTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class AuditStatisticsCertificateTestsOnPostgres : AuditStatisticsCertificateTests
{
    public AuditStatisticsCertificateTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class CertificateServiceTestsOnPostgres : CertificateServiceTests
{
    public CertificateServiceTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class CredentialServiceTestsOnPostgres : CredentialServiceTests
{
    public CredentialServiceTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class EndUserServiceTestsOnPostgres : EndUserServiceTests
{
    public EndUserServiceTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class ChangeHistorySearchServiceTestsOnPostgres : ChangeHistorySearchServiceTests
{
    public ChangeHistorySearchServiceTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class AuditSearchLimitTestsOnPostgres : AuditSearchLimitTests
{
    public AuditSearchLimitTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class AccessLevelServiceTestsOnPostgres : AccessLevelServiceTests
{
    public AccessLevelServiceTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class InstitutionServiceTestsOnPostgres : InstitutionServiceTests
{
    public InstitutionServiceTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class AgreementExpiryJobTestsOnPostgres : AgreementExpiryJobTests
{
    public AgreementExpiryJobTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class AgreementLifecycleTestsOnPostgres : AgreementLifecycleTests
{
    public AgreementLifecycleTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class StaffAuthorizationMatrixTestsOnPostgres : StaffAuthorizationMatrixTests
{
    public StaffAuthorizationMatrixTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class OfficerLoginServiceTestsOnPostgres : OfficerLoginServiceTests
{
    public OfficerLoginServiceTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class AuditSearchServiceTestsOnPostgres : AuditSearchServiceTests, IClassFixture<SeededAuditLogOnPostgres>
{
    public AuditSearchServiceTestsOnPostgres(SeededAuditLogOnPostgres log) : base(log) => TestPostgres.RequireServer();
}

public sealed class AuditExportTestsOnPostgres : AuditExportTests, IClassFixture<SeededAuditLogOnPostgres>
{
    public AuditExportTestsOnPostgres(SeededAuditLogOnPostgres log) : base(log) => TestPostgres.RequireServer();
}

public sealed class RestApiTestsOnPostgres : RestApiTests, IClassFixture<PostgresAppFactory>
{
    public RestApiTestsOnPostgres(PostgresAppFactory app) : base(app) => TestPostgres.RequireServer();
}

public sealed class SoapServiceTestsOnPostgres : SoapServiceTests, IClassFixture<PostgresAppFactory>
{
    public SoapServiceTestsOnPostgres(PostgresAppFactory app) : base(app) => TestPostgres.RequireServer();
}

public sealed class HealthAndAccessTestsOnPostgres : HealthAndAccessTests, IClassFixture<PostgresAppFactory>
{
    public HealthAndAccessTestsOnPostgres(PostgresAppFactory app) : base(app) => TestPostgres.RequireServer();
}

public sealed class CertificateApiTestsOnPostgres : CertificateApiTests, IClassFixture<PostgresAppFactory>
{
    public CertificateApiTestsOnPostgres(PostgresAppFactory app) : base(app) => TestPostgres.RequireServer();
}

public sealed class TwoFactorTestsOnPostgres : TwoFactorTests, IClassFixture<PostgresAppFactory>
{
    public TwoFactorTestsOnPostgres(PostgresAppFactory app) : base(app) => TestPostgres.RequireServer();
}

public sealed class CrashSafetyTestsOnPostgres : CrashSafetyTests
{
    public CrashSafetyTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class RegistryImportTestsOnPostgres : RegistryImportTests
{
    public RegistryImportTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class SecurityHardeningTestsOnPostgres : SecurityHardeningTests, IClassFixture<PostgresAppFactory>
{
    public SecurityHardeningTestsOnPostgres(PostgresAppFactory app) : base(app) => TestPostgres.RequireServer();
}

public sealed class RestrictedAppFactoryOnPostgres : RestrictedAppFactory
{
    protected override Engine Engine => Engine.Postgres;
}

public sealed class WebServiceRestrictionTestsOnPostgres : WebServiceRestrictionTests, IClassFixture<RestrictedAppFactoryOnPostgres>
{
    public WebServiceRestrictionTestsOnPostgres(RestrictedAppFactoryOnPostgres app) : base(app) => TestPostgres.RequireServer();
}

public sealed class LowVerificationLimitAppOnPostgres : LowVerificationLimitApp
{
    protected override Engine Engine => Engine.Postgres;
}

public sealed class VerificationRateLimitTestsOnPostgres : VerificationRateLimitTests, IClassFixture<LowVerificationLimitAppOnPostgres>
{
    public VerificationRateLimitTestsOnPostgres(LowVerificationLimitAppOnPostgres app) : base(app) => TestPostgres.RequireServer();
}

public sealed class MisuseDetectionTestsOnPostgres : MisuseDetectionTests
{
    public MisuseDetectionTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class MutualTlsAppFactoryOnPostgres : MutualTlsAppFactory
{
    protected override Engine Engine => Engine.Postgres;
}

public sealed class ClientCertificateTestsOnPostgres : ClientCertificateTests, IClassFixture<MutualTlsAppFactoryOnPostgres>
{
    public ClientCertificateTestsOnPostgres(MutualTlsAppFactoryOnPostgres app) : base(app) => TestPostgres.RequireServer();
}

public sealed class ExportJobRecoveryTestsOnPostgres : ExportJobRecoveryTests
{
    public ExportJobRecoveryTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

/// <summary>The same signed-in clients against the app on a fresh PostgreSQL database.</summary>
public sealed class SignedInClientsOnPostgres : AuthorizationAuditTests.SignedInClients
{
    public SignedInClientsOnPostgres() : base(new PostgresAppFactory()) { }
}

public sealed class AuthorizationAuditTestsOnPostgres : AuthorizationAuditTests, IClassFixture<SignedInClientsOnPostgres>
{
    public AuthorizationAuditTestsOnPostgres(SignedInClientsOnPostgres clients) : base(clients) => TestPostgres.RequireServer();
}

// One browser journey on PostgreSQL (the auditor's: search, exports, chain verification, statistics); the other
// browser classes stay on SQLite to keep the suite's time. The journeys live in the abstract AuditorJourney, so
// this class starts only its own app and browser.
[Trait("Category", "Browser")]
public sealed class AuditorJourneyTestsOnPostgres : Browser.AuditorJourney, IClassFixture<PostgresBrowserAppFixture>
{
    public AuditorJourneyTestsOnPostgres(PostgresBrowserAppFixture fixture) : base(fixture) => TestPostgres.RequireServer();
}

public sealed class MisuseThresholdTestsOnPostgres : MisuseThresholdTests
{
    public MisuseThresholdTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class ReservedAgreementTestsOnPostgres : ReservedAgreementTests
{
    public ReservedAgreementTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class CitizenDisputeTestsOnPostgres : CitizenDisputeTests
{
    public CitizenDisputeTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class AdminCommandTestsOnPostgres : AdminCommandTests
{
    public AdminCommandTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class ChangeHistoryConsistencyTestsOnPostgres : ChangeHistoryConsistencyTests
{
    public ChangeHistoryConsistencyTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class SigningRotationTestsOnPostgres : SigningRotationTests
{
    public SigningRotationTestsOnPostgres() => TestPostgres.RequireServer();
    protected override Engine Engine => Engine.Postgres;
}

public sealed class CredentialThrottleFactoryOnPostgres : CredentialThrottleTests.Factory
{
    protected override Engine Engine => Engine.Postgres;
}

public sealed class CredentialThrottleTestsOnPostgres : CredentialThrottleTests, IClassFixture<CredentialThrottleFactoryOnPostgres>
{
    public CredentialThrottleTestsOnPostgres(CredentialThrottleFactoryOnPostgres app) : base(app) => TestPostgres.RequireServer();
}
