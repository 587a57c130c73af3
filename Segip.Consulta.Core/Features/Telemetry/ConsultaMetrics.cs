using System.Diagnostics;
using System.Diagnostics.Metrics;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Telemetry;

/// <summary>
/// The service's own meter, <c>Segip.Consulta</c> (docs/operacion/metricas.md lists every series): queries as the
/// bitácora commits them, the gate's answer time, the audit writer, checkpoints, certificates and registry imports.
/// Created through <see cref="IMeterFactory"/> so each host (and each test server) has its own instruments.
/// </summary>
public sealed class ConsultaMetrics
{
    public const string MeterName = "Segip.Consulta";

    /// <summary>Seconds; from a fast indexed look-up (about a millisecond) to a stalled database.</summary>
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly TimeProvider time;
    private readonly Counter<long> queries;
    private readonly Histogram<double> gateDuration;
    private readonly Histogram<int> auditBatchSize;
    private readonly Histogram<double> auditCommitDuration;
    private readonly Histogram<double> auditWaitDuration;
    private readonly Counter<long> certificatesIssued;
    private readonly Counter<long> importRows;
    private readonly Histogram<double> importRate;
    private Func<long> auditQueueDepth = () => 0;
    private long lastCheckpointTicks;

    public ConsultaMetrics(IMeterFactory meters, TimeProvider time, Signing.SigningCertificate signing)
    {
        this.time = time;
        var meter = meters.Create(MeterName);
        queries = meter.CreateCounter<long>("segip.consulta.queries", "{query}",
            "Consultas registradas en la bitácora, por canal, tipo, resultado y motivo de denegación.");
        gateDuration = meter.CreateHistogram("segip.consulta.gate.duration", "s",
            "Tiempo de respuesta de la compuerta de consultas (de la solicitud al registro confirmado).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        auditBatchSize = meter.CreateHistogram<int>("segip.consulta.audit.batch.size", "{record}",
            "Registros escritos por transacción de la bitácora.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });
        auditCommitDuration = meter.CreateHistogram("segip.consulta.audit.commit.duration", "s",
            "Duración de cada transacción de la bitácora (escritura y confirmación en disco).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        auditWaitDuration = meter.CreateHistogram("segip.consulta.audit.wait.duration", "s",
            "Espera de cada consulta por su registro de bitácora: de la entrega al escritor al commit durable (cola + commit).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        meter.CreateObservableGauge("segip.consulta.audit.queue.depth", () => auditQueueDepth(), "{record}",
            "Registros esperando al escritor de la bitácora.");
        meter.CreateObservableGauge("segip.consulta.audit.checkpoint.age", ObserveCheckpointAge, "s",
            "Antigüedad del último punto de control firmado de la bitácora.");
        var notAfter = signing.Certificate.NotAfter.ToUniversalTime();
        meter.CreateObservableGauge("segip.consulta.signing.certificate.remaining", () => (notAfter - time.GetUtcNow().UtcDateTime).TotalSeconds, "s",
            "Tiempo que le queda al certificado de firma del SEGIP antes de vencer (negativo: vencido).");
        certificatesIssued = meter.CreateCounter<long>("segip.consulta.certificates.issued", "{certificate}",
            "Certificados de consulta emitidos.");
        importRows = meter.CreateCounter<long>("segip.consulta.registry.import.rows", "{row}",
            "Filas procesadas por la importación del padrón, aceptadas o rechazadas (su tasa son filas por segundo).");
        importRate = meter.CreateHistogram("segip.consulta.registry.import.rate", "{row}/s",
            "Filas por segundo de cada importación terminada.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1_000, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000] });
    }

    /// <summary>Answer times per institution and window, for the operations page (from the same measurements).</summary>
    public AnswerTimeWindows AnswerTimes { get; } = new();

    /// <summary>One committed audit record: what the operator counts as a query (refusals included).</summary>
    public void RecordCommitted(AuditRecord record)
    {
        var tags = new TagList
        {
            { "channel", record.Channel.ToCode() },
            { "type", record.QueryType.ToCode() },
            { "result", record.Result.ToCode() },
            { "refusal_reason", record.RefusalReason?.ToCode() ?? "" },
            { "institution", InstitutionLabel(record.InstitutionId) },
        };
        queries.Add(1, tags);
    }

    /// <summary>A query through the gate, from its start to its committed audit record.</summary>
    public void RecordGate(int? institutionId, Channel channel, QueryType type, string result, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "channel", channel.ToCode() },
            { "type", type.ToCode() },
            { "result", result },
            { "institution", InstitutionLabel(institutionId) },
        };
        gateDuration.Record(elapsed.TotalSeconds, tags);
        if (institutionId is { } id) AnswerTimes.Record(id, time.GetUtcNow().UtcDateTime, elapsed.TotalSeconds);
    }

    public void RecordAuditBatch(int size, TimeSpan commit)
    {
        auditBatchSize.Record(size);
        auditCommitDuration.Record(commit.TotalSeconds);
    }

    /// <summary>How long one query waited for its record: the part of the gate's time that is the audit writer's.</summary>
    public void RecordAuditWait(TimeSpan wait) => auditWaitDuration.Record(wait.TotalSeconds);

    /// <summary>The audit writer registers how to read its queue (it is created after this meter).</summary>
    public void ObserveAuditQueue(Func<long> depth) => auditQueueDepth = depth;

    public void RecordCheckpoint(DateTime signedUtc)
    {
        var ticks = signedUtc.Ticks;
        long seen;
        while ((seen = Interlocked.Read(ref lastCheckpointTicks)) < ticks
               && Interlocked.CompareExchange(ref lastCheckpointTicks, ticks, seen) != seen) { }
    }

    /// <summary>When the last signed checkpoint was signed, as far as this process knows (null: none yet).</summary>
    public DateTime? LastCheckpointUtc => Interlocked.Read(ref lastCheckpointTicks) is var t and > 0 ? new DateTime(t, DateTimeKind.Utc) : null;

    public void RecordCertificateIssued(Channel channel) => certificatesIssued.Add(1, new KeyValuePair<string, object?>("channel", channel.ToCode()));

    public void RecordImportBatch(long imported, long rejected)
    {
        if (imported > 0) importRows.Add(imported, new KeyValuePair<string, object?>("outcome", "aceptada"));
        if (rejected > 0) importRows.Add(rejected, new KeyValuePair<string, object?>("outcome", "rechazada"));
    }

    public void RecordImportFinished(long rows, TimeSpan elapsed)
    {
        if (elapsed > TimeSpan.Zero) importRate.Record(rows / elapsed.TotalSeconds);
    }

    private IEnumerable<Measurement<double>> ObserveCheckpointAge()
    {
        if (LastCheckpointUtc is { } last)
            yield return new Measurement<double>(Math.Max(0, (time.GetUtcNow().UtcDateTime - last).TotalSeconds));
    }

    private static string InstitutionLabel(int? id) => id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "ninguna";
}
