-- Rate-limit decisions for one or more callers, in one round trip and atomically (Redis runs a
-- script alone). The same greedy token bucket as Bucket4j's in-memory buckets: each band
-- holds up to CAPACITY tokens and refills CAPACITY per PERIOD continuously; a request takes
-- one token from every band, or none when any band has less than one. Several requests of
-- one caller can be decided in one call: the first ones get a token while every band has one.
-- A busy caller's call may also lease tokens ahead for its next requests (Leases.java), and
-- a lease that ended gives back the tokens it did not use.
--
-- KEYS[k]  caller k's state: a string, MessagePack of {version, last change in µs of Redis
--          time, then per band: capacity then, tokens then (fractional)}. One GET and one SET
--          with its expiry, because that measured cheapest (docs/development/performance.md:
--          a hash with HGETALL, HSET and PEXPIRE took Redis longer per call).
-- ARGV[1]  ms a key is kept after every band is full again
-- then, for each key in turn:
--          how many requests want a token (0: only look), how many tokens to lease ahead (granted
--          only with every request, and only if every band keeps at least half its capacity
--          after them), how many tokens an ended lease gives back (ignored when the
--          configuration changed since), configuration version, number of bands, then per band:
--          capacity, period in µs
--
-- Returns, for each key in turn: {requests granted, tokens leased, µs until one more token is
--          in every band (0 when every request was granted), tokens left per band after the
--          granted and leased ones (whole tokens)}, all in one flat list.
local floor, ceil, tonumber = math.floor, math.ceil, tonumber
local keepMillis = tonumber(ARGV[1])
local time = redis.call('TIME')
local now = time[1] * 1000000 + time[2]
local result = {}

-- Decides for one key whose arguments start at ARGV[at]; returns where the next key's start.
local function decide(key, at)
  local wanted = tonumber(ARGV[at])
  local lease = tonumber(ARGV[at + 1])
  local refund = tonumber(ARGV[at + 2])
  local version = tonumber(ARGV[at + 3])
  local bands = tonumber(ARGV[at + 4])
  local packed = redis.call('GET', key)
  local stored = packed and {cmsgpack.unpack(packed)} or {}
  local elapsed = now - (stored[2] or now)
  if elapsed < 0 then elapsed = 0 end
  local sameVersion = stored[1] == version
  if not sameVersion then refund = 0 end

  -- state becomes what is stored: capacity and tokens per band at slots 1 + 2i and 2 + 2i.
  local state = {version, now}
  local periods = {}
  local granted = wanted
  for i = 1, bands do
    local capacity = tonumber(ARGV[at + 3 + 2 * i])
    periods[i] = tonumber(ARGV[at + 4 + 2 * i])
    local before = stored[2 + 2 * i]
    local current = capacity
    if before then
      current = before + elapsed * capacity / periods[i] + refund
      if not sameVersion then
        -- A changed configuration keeps what the caller used (Bucket4j's ADDITIVE inheritance);
        -- bands the new configuration no longer has are dropped with the old value.
        local oldCapacity = stored[1 + 2 * i] or capacity
        if capacity > oldCapacity then current = current + capacity - oldCapacity end
      end
      if current > capacity then current = capacity end
    end
    local whole = floor(current)
    if whole < granted then granted = whole end
    state[1 + 2 * i] = capacity
    state[2 + 2 * i] = current
  end

  local leased = 0
  if lease > 0 and granted == wanted and wanted > 0 then
    leased = lease
    for i = 1, bands do
      if state[2 + 2 * i] - granted - lease < state[1 + 2 * i] / 2 then leased = 0 end
    end
  end
  local taken = granted + leased

  local first = #result
  result[first + 1] = granted
  result[first + 2] = leased
  result[first + 3] = 0
  local refillMicros = 0
  for i = 1, bands do
    local capacity = state[1 + 2 * i]
    local period = periods[i]
    local left = state[2 + 2 * i] - taken
    state[2 + 2 * i] = left
    local untilFull = (capacity - left) * period / capacity
    if untilFull > refillMicros then refillMicros = untilFull end
    if left < 1 and (granted < wanted or wanted == 0) then
      local wait = ceil((1 - left) * period / capacity)
      if wait > result[first + 3] then result[first + 3] = wait end
    end
    result[first + 3 + i] = floor(left)
  end
  if taken > 0 or refund > 0 then
    redis.call('SET', key, cmsgpack.pack(unpack(state)), 'PX', ceil(refillMicros / 1000 + keepMillis))
  end
  return at + 5 + 2 * bands
end

local at = 2
for k = 1, #KEYS do
  at = decide(KEYS[k], at)
end
return result
