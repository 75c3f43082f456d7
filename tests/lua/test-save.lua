-- exopk.save: a study file that exopk.load reads back to an equal study
-- (the C structs are compared field by field in tests/test-script.c; here
-- what a script sees).  arg[1]: a fresh temporary directory.
local exopk = require "exopk"
local dir = arg[1]

local study = exopk.load()
local path = dir .. "/saved.lua"
assert(exopk.save(study, path) == true)
local back = exopk.load(path)
assert(back:name() == study:name())
for _, a in ipairs(study:arms()) do
  local l1, l2 = study:arm(a), back:arm(a)
  assert(#l1 == #l2)
  for i = 1, #l1 do
    for k, v in pairs(l1[i]) do assert(l2[i][k] == v, a .. "." .. k) end
  end
end
-- the same metrics
local r1 = exopk.simulate(study, { arm = "exodox" })
local r2 = exopk.simulate(back, { arm = "exodox" })
for name, m in pairs(r1:metrics()) do
  assert(r2:metric(name) == m.value, name)
end

-- a changed study: numeric dose, overrides, a new interval
local c = study:copy():set("exodox", { dose = 3.3e11, every = "36 h", count = 7,
                                       offered = 1234.5, ["carrier.k_pt"] = "0.8 /h",
                                       ["doxorubicin.kp_heart"] = 12.5 })
assert(c:save(dir .. "/changed.lua"))
local text = assert(io.open(dir .. "/changed.lua")):read("a")
assert(text:find('dose = "3.3e11 particles"', 1, true), text)
assert(text:find('every = "36 h", count = 7', 1, true), text)
assert(text:find('["carrier.k_pt"] = "0.8 /h"', 1, true), text)
assert(text:find('offered = "1234.5 /vesicle"', 1, true), text)
local cb = exopk.load(dir .. "/changed.lua")
assert(cb:arm("exodox")[1].dose == 3.3e11 and cb:arm("exodox")[1].every == 36)
assert(cb.params["carrier.k_pt"] == c.params["carrier.k_pt"])
assert(exopk.simulate(cb, { arm = "exodox" }):metric("tumour_volume_final")
       == exopk.simulate(c, { arm = "exodox" }):metric("tumour_volume_final"))

-- no temporary files are left behind
for name in io.popen('ls -a "' .. dir .. '"'):lines() do
  assert(not name:find("%.tmp%."), "left behind: " .. name)
end

-- I/O errors return nil, message; misuse raises
local ok, msg = exopk.save(study, dir .. "/no/such/dir/x.lua")
assert(ok == nil and msg:find("no/such/dir/x.lua: cannot write", 1, true), msg)
assert(not pcall(exopk.save, "study", path))
print("test-save: ok")
