-- exopk.load of a bad study raises the loader's message, unchanged, as
-- `exopk check` prints it: each tests/bad file below starts with
-- "-- expect: MESSAGE" (FILE there is the bare name; here the full path).
-- arg[2]: the tests/bad directory.
local exopk = require "exopk"
local bad = assert(arg[2], "usage: test-load-errors.lua TMPDIR BADDIR")

local files = {
  "unknown-unit.lua", "unknown-carrier.lua", "negative-dose.lua", "syntax-error.lua",
  "runtime-error.lua", "missing-horizon.lua", "unknown-param-path.lua", "io-open.lua",
  "count-without-every.lua", "wrong-dimension.lua",
}
for _, name in ipairs(files) do
  local path = bad .. "/" .. name
  local first = assert(io.open(path)):read("l")
  local expect = assert(first:match("^%-%- expect: (.*)$"), name)
  local ok, msg = pcall(exopk.load, path)
  assert(not ok, name .. ": loaded")
  assert(msg == bad .. "/" .. expect,
         ("%s:\n  got:    %s\n  expect: %s"):format(name, msg, bad .. "/" .. expect))
end
print("test-load-errors: ok (" .. #files .. " files)")
