-- wrk script for bench/misuse-overhead.sh: POST /api/v1/consultas/documento as BD-001 of the demo bank,
-- a different existing person each time within a thread (the synthetic registry numbers persons 2 000 000 + 7 i).
-- Each wrk thread has its own Lua state and counter, so the threads send the same persons in step.
local persons = tonumber(os.getenv("PERSONS") or "100000")
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic " .. os.getenv("CREDENTIAL_B64")
wrk.headers["X-Usuario-Final"] = "BD-001"

request = function()
  counter = counter + 1
  local body = string.format('{"tipoDocumento":"CI","numeroDocumento":"%d","finalidad":"Prueba de carga del arnes"}',
    2000000 + 7 * (counter % persons))
  return wrk.format(nil, nil, nil, body)
end

-- Non-200 answers and socket errors fail the harness; timeouts (no answer within the 10 s the harness gives wrk, which only a machine busy
-- with other work produces) are reported apart.
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.3f errors=%d timeouts=%d\n", summary.requests, summary.duration / 1e6,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout))
end
