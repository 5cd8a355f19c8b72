-- wrk script for bench/ratelimit.sh with CALLERS > 1: each request comes from one of CALLERS
-- client addresses (198.18.0.0/15, the range set aside for benchmarks), named in
-- X-Forwarded-For as a trusted proxy would, in turn. Anonymous: the limiter keys each address.
local callers = tonumber(os.getenv("CALLERS") or "16")
-- Each wrk thread keeps its own turn, from the first address: the threads go through the
-- addresses in the same order, each on its own connections.
local turn = 0

request = function()
  turn = (turn + 1) % callers
  local address = "198.18." .. math.floor(turn / 256) .. "." .. (turn % 256)
  return wrk.format("GET", nil, {["X-Forwarded-For"] = address})
end
