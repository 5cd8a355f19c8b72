-- wrk script: POST records whose words are drawn as bench/search-seed.sql draws them (rank r of
-- the vocabulary with probability about 1/r; keywords from the 300 commonest; a contributor from
-- the seed's names; one record in ten restricted). The vocabulary file (one word a line, by
-- rank) is the script's argument: wrk ... -s bench/search-writes.lua URL -- FILE.
local words = {}

function init(args)
  for line in io.lines(args[1]) do
    words[#words + 1] = line
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

local function pick(top)
  local rank = 1 + math.min(top - 1, math.floor(math.exp(math.random() * math.log(top + 1)) - 1))
  return words[rank]
end

local function phrase(count, top)
  local chosen = {}
  for i = 1, count do
    chosen[i] = pick(top)
  end
  return table.concat(chosen, " ")
end

local function capital(word)
  return word:sub(1, 1):upper() .. word:sub(2)
end

request = function()
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Content-Type"] = "application/json"
  local keywords = {}
  for i = 1, math.random(2, 4) do
    keywords[i] = '"' .. pick(300) .. '"'
  end
  local name = capital(words[math.random(2000, 2059)]) .. " " .. capital(words[math.random(2100, 2149)])
  local body = string.format('{"metadata": {"title": "%s", "contributors": [{"name": "%s"}], "keywords": [%s], '
    .. '"description": "%s", "resource_type": "dataset"}, "access": {"record": "%s"}}',
    phrase(math.random(3, 6), 2400), name, table.concat(keywords, ", "), phrase(math.random(12, 20), 2400),
    math.random(10) == 1 and "restricted" or "public")
  return wrk.format("POST", "/api/records/", headers, body)
end
