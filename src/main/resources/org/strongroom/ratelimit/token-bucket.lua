-- One rate-limit decision for one caller, in one round trip and atomically (Redis runs a
-- script alone). The same greedy token bucket as Bucket4j's in-memory buckets: each band
-- holds up to CAPACITY tokens and refills CAPACITY per PERIOD continuously; a request takes
-- one token from every band, or none when any band has less than one. Several requests of
-- one caller can be decided in one call: the first ones get a token while every band has one.
--
-- KEYS[1]  the caller's hash: v (configuration version), ts (last change, µs of Redis time),
--          and per band i: c<i> (its capacity then), t<i> (tokens then, fractional)
-- ARGV[1]  how many requests want a token (0: only look)
-- ARGV[2]  configuration version
-- ARGV[3…] per band: capacity, period in µs
-- KEEP     (ARGV last) ms the key is kept after every band is full again
--
-- Returns {requests granted, µs until one more token is in every band (0 when every request
--          was granted), tokens left per band after the granted ones (whole tokens)}.
local wanted = tonumber(ARGV[1])
local version = ARGV[2]
local bands = (#ARGV - 3) / 2
local keepMillis = tonumber(ARGV[#ARGV])
local capacities = {}
local periods = {}
for i = 1, bands do
  capacities[i] = tonumber(ARGV[1 + 2 * i])
  periods[i] = tonumber(ARGV[2 + 2 * i])
end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

local flat = redis.call('HGETALL', KEYS[1])
local stored = {}
for i = 1, #flat, 2 do
  stored[flat[i]] = flat[i + 1]
end
local last = tonumber(stored.ts) or now
local elapsed = math.max(0, now - last)
local sameVersion = stored.v == version

local tokens = {}
local granted = wanted
for i = 1, bands do
  local capacity = capacities[i]
  local period = periods[i]
  local before = tonumber(stored['t' .. i])
  local current
  if before == nil then
    current = capacity
  else
    current = before + elapsed * capacity / period
    if not sameVersion then
      -- A changed configuration keeps what the caller used (Bucket4j's ADDITIVE inheritance).
      local oldCapacity = tonumber(stored['c' .. i]) or capacity
      if capacity > oldCapacity then
        current = current + (capacity - oldCapacity)
      end
    end
    current = math.min(capacity, current)
  end
  granted = math.min(granted, math.floor(current))
  tokens[i] = current
end

local waitMicros = 0
if granted > 0 then
  local fields = {'v', version, 'ts', now}
  local keepFor = 0
  for i = 1, bands do
    local capacity = capacities[i]
    local period = periods[i]
    tokens[i] = tokens[i] - granted
    fields[#fields + 1] = 'c' .. i
    fields[#fields + 1] = capacity
    fields[#fields + 1] = 't' .. i
    fields[#fields + 1] = tokens[i]
    keepFor = math.max(keepFor, (capacity - tokens[i]) * period / capacity / 1000)
  end
  if not sameVersion then
    redis.call('DEL', KEYS[1]) -- drops the fields of bands the new configuration no longer has
  end
  redis.call('HSET', KEYS[1], unpack(fields))
  redis.call('PEXPIRE', KEYS[1], math.ceil(keepFor + keepMillis))
end
local left = {}
for i = 1, bands do
  if granted < wanted or wanted == 0 then
    if tokens[i] < 1 then
      waitMicros = math.max(waitMicros, math.ceil((1 - tokens[i]) * periods[i] / capacities[i]))
    end
  end
  left[i] = math.floor(tokens[i])
end
return {granted, waitMicros, unpack(left)}
