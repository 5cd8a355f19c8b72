-- wrk script: POST new records as fast as the server takes them (bench/records.sh seeds with it).
-- wrk.format replaces wrk.headers when given a table, so the -H headers (the token) are copied in.
local counter = 0
request = function()
  counter = counter + 1
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Content-Type"] = "application/json"
  local body = string.format(
    '{"metadata": {"title": "Seeded record %d-%d", "contributors": [{"name": "Bench Seeder"}], ' ..
    '"keywords": ["bench"], "description": "Seeded for the list benchmark."}, "access": {"record": "public"}}',
    counter, math.random(1, 1000000000))
  return wrk.format("POST", "/api/records/", headers, body)
end
