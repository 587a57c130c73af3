-- What the audit indexes cost on the write path, PostgreSQL (issue 20; the SQLite twin is bench/audit-index-cost.py).
-- Appends 20 000 records after the last one (copies of records spread over the whole log, so documents, institutions
-- and end users land at random places of their indexes; times and ConsultaIds after every existing one, as the app's
-- UUIDv7 are) in ONE statement, reports its time, buffers and WAL (records, full-page images, bytes), and rolls back:
-- the database is left as it was.
--   psql -h 127.0.0.1 -p 47813 -U postgres -d audit_10000000 -X -v drop=IX_AuditRecords_TimestampUtc -f bench/audit-index-cost.sql
-- With -v drop=NAME that index is dropped first, inside the same transaction (rolled back too): the write path without it.
BEGIN;
\if :{?drop}
DROP INDEX :"drop";
\endif
SELECT indexname FROM pg_indexes WHERE tablename = 'AuditRecords' ORDER BY 1;
EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF)
INSERT INTO "AuditRecords" ("Sequence","ConsultaId","TimestampUtc","InstitutionId","AgreementId","AccessLevelId","EndUserCode",
  "Channel","ClientIp","QueryType","SearchKeys","DocumentNumber","Purpose","ConsentReference","Result","RefusalReason",
  "DisclosedFields","CertificateNumber","CorrelationId","Hash","AnswerSha256","DocumentComplement","DocumentType","HashVersion")
SELECT m.last + n, ('ffffffff' || lpad(to_hex(n), 24, '0'))::uuid, m.latest + n * interval '1 millisecond',
  r."InstitutionId",r."AgreementId",r."AccessLevelId",r."EndUserCode",r."Channel",r."ClientIp",r."QueryType",r."SearchKeys",r."DocumentNumber",
  r."Purpose",r."ConsentReference",r."Result",r."RefusalReason",r."DisclosedFields",r."CertificateNumber",r."CorrelationId",r."Hash",
  r."AnswerSha256",r."DocumentComplement",r."DocumentType",r."HashVersion"
FROM (SELECT "Sequence" AS last, "TimestampUtc" AS latest FROM "AuditRecords" ORDER BY "Sequence" DESC LIMIT 1) m,
  generate_series(1, 20000) g(n) JOIN "AuditRecords" r ON r."Sequence" = g.n * 499;
ROLLBACK;
