-- wrk script for bench/run.sh: the same document query as bench/LoadClient (closed/open) sends, to the raw
-- reference and the app alike: POST /api/v1/consultas/documento with the demo bank's credential as end user
-- BD-001, body {"tipoDocumento":"CI","numeroDocumento":"<2 000 000 + 7 i>","finalidad":"Prueba de carga del arnés"}
-- for a random person i of the synthetic registry (PERSONS persons). Environment: PERSONS, CREDENTIAL_B64.
local persons = tonumber(os.getenv("PERSONS") or "1000000")
local counter = 0

wrk.method = "POST"
-- What .NET's StringContent(body, UTF8, "application/json") sends in LoadClient.
wrk.headers["Content-Type"] = "application/json; charset=utf-8"
wrk.headers["Authorization"] = "Basic " .. (os.getenv("CREDENTIAL_B64") or "")
wrk.headers["X-Usuario-Final"] = "BD-001"

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

function init(args)
  -- Each thread its own sequence, so two threads do not send the same documents in lockstep.
  math.randomseed(os.time() * 1000 + (thread_id or 0))
end

function request()
  local i = math.random(0, persons - 1)
  -- "arn\195\169s" is "arnés" in UTF-8; wrk sends the bytes as they are and counts them for Content-Length.
  local body = string.format('{"tipoDocumento":"CI","numeroDocumento":"%d","finalidad":"Prueba de carga del arn\195\169s"}',
    2000000 + 7 * i)
  return wrk.format(nil, nil, nil, body)
end

-- One machine-readable line for bench/run.sh. wrk counts an answer with status >= 400 in errors.status, so
-- requests - status = the 2xx answers (this endpoint never redirects). Latencies in ms (closed loop: they
-- include queueing behind the other connections and are not comparable with LoadClient's open-loop figures).
function done(summary, latency, requests)
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d ok=%d non2xx=%d socket_errors=%d seconds=%.3f p50=%.2f p99=%.2f\n",
    summary.requests, summary.requests - summary.errors.status, summary.errors.status, socket,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
