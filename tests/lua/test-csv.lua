-- res:write_csv: the CSV of `exopk simulate -o` (header "time [h],name
-- [unit],...", "%.10g" values), written atomically.  arg[1]: a fresh
-- temporary directory.  tests/test-script.c compares the bytes with the
-- CLI's file when it can run the CLI.
local exopk = require "exopk"
local dir = arg[1]

local study = exopk.load()
local res = exopk.simulate(study, { arm = "exodox" })
local path = dir .. "/exodox.csv"
assert(res:write_csv(path) == true)
local f = assert(io.open(path))
local header = f:read("l")
assert(header:sub(1, 9) == "time [h],", header)
local cols = {}
for c in header:gmatch("[^,]+") do cols[#cols + 1] = c end
local names = res:series_names()
assert(#cols == #names + 1)
for i, n in ipairs(names) do
  assert(cols[i + 1]:sub(1, #n + 2) == n .. " [", cols[i + 1])
end
local rows = 0
for line in f:lines() do
  rows = rows + 1
  local first = line:match("^[^,]+")
  assert(tonumber(first) == res:times()[rows] or
         math.abs(tonumber(first) - res:times()[rows]) < 1e-9)
end
f:close()
assert(rows == #res:times())
-- the tumour volume column, to 10 digits
local t, v = res:series("tumour_volume")
local col
for i, c in ipairs(cols) do if c == "tumour_volume [mm3]" then col = i end end
assert(col)
local last
for line in io.lines(path) do last = line end
local fields = {}
for x in last:gmatch("[^,]+") do fields[#fields + 1] = x end
assert(fields[col] == ("%.10g"):format(v[#v]), fields[col])

-- an existing file is replaced whole; a failed write leaves nothing
assert(res:write_csv(path))
local ok, msg = res:write_csv(dir .. "/missing/x.csv")
assert(ok == nil and msg:find("cannot write", 1, true))
for name in io.popen('ls -a "' .. dir .. '"'):lines() do
  assert(not name:find("%.tmp%."), "left behind: " .. name)
end
print("test-csv: ok")
