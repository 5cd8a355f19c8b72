-- wrk script for bench/ratelimit.sh with CALLERS > 1: each request comes from one of CALLERS
-- client addresses (198.18.0.0/15, the range set aside for benchmarks), named in
-- X-Forwarded-For as a trusted proxy would, in turn. Anonymous: the limiter keys each address.
--
-- CALLER_BASE (default 0) shifts the addresses, so that a run does not inherit the counts a
-- previous run left in Redis. WRK_THREADS (wrk's -t) spreads the threads' starting points over
-- the addresses, so that two threads do not send the same caller's requests together.
-- DELAY_MS > 0 paces the load: each connection waits that long after a response before its
-- next request, so that every caller stays within its limit (bench/ratelimit.sh works it out).
local callers = tonumber(os.getenv("CALLERS") or "16")
local base = tonumber(os.getenv("CALLER_BASE") or "0")
local threads = tonumber(os.getenv("WRK_THREADS") or "1")
local pause = tonumber(os.getenv("DELAY_MS") or "0")
local started = 0

function setup(thread)
  thread:set("first", math.floor(started * callers / threads))
  started = started + 1
end

local turn = nil

request = function()
  turn = ((turn or first or 0) + 1) % callers
  local n = (base + turn) % 131072
  local address = "198." .. (18 + math.floor(n / 65536)) .. "." .. (math.floor(n / 256) % 256) .. "." .. (n % 256)
  return wrk.format("GET", nil, {["X-Forwarded-For"] = address})
end

if pause > 0 then
  delay = function()
    return pause
  end
end
