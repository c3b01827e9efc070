-- wrk script for bench/run.sh: each wrk thread POSTs its own pre-signed webhook bodies in order
-- (bodies-{thread}.txt, one "signature body" per line), counts non-2xx answers, and at the end writes how many
-- bodies each thread sent (for the loss check) and prints the figures.
-- Environment: BENCH_BODIES (folder), BENCH_SENT (file to write the sent counts to).

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local signatures, bodies, count = {}, {}, 0
sent, non2xx, exhausted = 0, 0, 0

function init(args)
  local path = os.getenv("BENCH_BODIES") .. "/bodies-" .. id .. ".txt"
  for line in io.lines(path) do
    local space = line:find(" ", 1, true)
    count = count + 1
    signatures[count] = line:sub(1, space - 1)
    bodies[count] = line:sub(space + 1)
  end
end

function request()
  if sent >= count then
    -- Out of unique bodies: stop this thread rather than resend (a resend would blur the loss check).
    if exhausted == 0 then
      -- wrk runs for its full -d even when every thread stopped: leave a mark run.sh waits for, then SIGINTs wrk.
      local mark = io.open(os.getenv("BENCH_BODIES") .. "/exhausted-" .. id, "w")
      mark:close()
    end
    exhausted = 1
    wrk.thread:stop()
    return wrk.format("GET", "/health/live")
  end
  sent = sent + 1
  return wrk.format("POST", "/webhook", {
    ["Content-Type"] = "application/json",
    ["X-Hub-Signature-256"] = signatures[sent],
  }, bodies[sent])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local out = io.open(os.getenv("BENCH_SENT"), "w")
  out:write("thread sent\n")
  local total_non2xx, any_exhausted = 0, 0
  for _, thread in ipairs(threads) do
    out:write(string.format("%d %d\n", thread:get("id"), thread:get("sent")))
    total_non2xx = total_non2xx + thread:get("non2xx")
    any_exhausted = math.max(any_exhausted, thread:get("exhausted"))
  end
  out:close()
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("webhooks: %d answered in %.1f s = %.0f requests/s\n", summary.requests, seconds, summary.requests / seconds))
  io.write(string.format("latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("non-2xx: %d; socket errors: connect %d, read %d, write %d, timeout %d\n",
    total_non2xx, e.connect, e.read, e.write, e.timeout))
  if any_exhausted == 1 then
    io.write("warning: a thread ran out of pre-generated bodies; raise --max-rate\n")
  end
end
