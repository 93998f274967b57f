-- wrk script for benchmarks/wrk_respondent.py: send prepared requests in turn.
--
-- wrk -t2 -c16 -d10s --latency -s benchmarks/wrk_rotate.lua URL -- DATA.lua
--
-- DATA.lua (written by wrk_respondent.py) returns
--   { expected = 200, items = { {method, path, cookie, body}, ... } }
-- where cookie and body are "" when not needed.  The cookies (Flask session with the
-- respondent's draft) and the CSRF token inside each POST body were read from real
-- pages by the Python side; every request goes to 127.0.0.1.  Each thread starts at
-- another item, so the connections serve different respondents.  A response with any
-- other status than ``expected`` is counted and reported (the figures are void then).

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
  table.insert(threads, thread)
end

function init(args)
  local data = dofile(args[1])
  expected = data.expected
  prepared = {}
  for i, item in ipairs(data.items) do
    local headers = {}
    if item[3] ~= "" then
      headers["Cookie"] = item[3]
    end
    local body = nil
    if item[4] ~= "" then
      body = item[4]
      headers["Content-Type"] = "application/x-www-form-urlencoded"
    end
    prepared[i] = wrk.format(item[1], item[2], headers, body)
  end
  position = (thread_number * 7) % #prepared
  unexpected = 0
  first_unexpected = 0
end

function request()
  position = position % #prepared + 1
  return prepared[position]
end

function response(status, headers, body)
  if status ~= expected then
    unexpected = unexpected + 1
    if first_unexpected == 0 then
      first_unexpected = status
    end
  end
end

function done(summary, latency, requests)
  local bad, first = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("unexpected")
    if first == 0 then
      first = thread:get("first_unexpected")
    end
  end
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d unexpected=%d first=%d "
      .. "socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    bad, first, errors.connect + errors.read + errors.write + errors.timeout
  ))
end
