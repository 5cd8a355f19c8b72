-- wrk script: POST new records as fast as the server takes them (bench/records.sh seeds with it).
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format(
    '{"metadata": {"title": "Seeded record %d-%d", "contributors": [{"name": "Bench Seeder"}], ' ..
    '"keywords": ["bench"], "description": "Seeded for the list benchmark."}, "access": {"record": "public"}}',
    counter, math.random(1, 1000000000))
  return wrk.format("POST", "/api/records/", {["Content-Type"] = "application/json"}, body)
end
