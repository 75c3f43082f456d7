-- Observed data in scripts: study.data, exopk.observed, and save keeping
-- the data field.  arg[1]: a fresh temporary directory.
local exopk = require "exopk"
local dir = arg[1]

local study = exopk.load(exopk.data_dir() .. "/examples/calibration.lua")
assert(study.data:match("/examples/calibration%-observed%.csv$"), study.data)
local res = exopk.simulate(study, { arm = "free_dox" })
local obs = exopk.observed(study, res)
assert(#obs == 9, #obs)                       -- 5 tumour volumes, 4 plasma samples

-- ng/mL of doxorubicin (543.52 g/mol) to nmol/L: x 1000 / 543.52
local t, plasma = res:series("doxorubicin.plasma")
local p = obs[6]
assert(p.name == "doxorubicin.plasma" and p.time == 1 and not p.below_lloq)
assert(math.abs(p.value - 53.41 / 543.52 * 1000) < 1e-9 * p.value, p.value)
assert(math.abs(p.sd - 8.01 / 543.52 * 1000) < 1e-9 * p.sd, p.sd)
assert(t[2] == 1 and p.predicted == plasma[2])  -- a grid row: the row's value
-- below the LLOQ: at the LLOQ (5 ng/mL), no sd
local blq = obs[8]
assert(blq.below_lloq and blq.sd == nil)
assert(math.abs(blq.value - 5 / 543.52 * 1000) < 1e-9 * blq.value)
assert(blq.lloq == blq.value and blq.line == 25)
assert(obs[1].name == "tumour_volume" and obs[1].value == 77.29 and obs[1].weight == 1)

-- the field survives save and load, as an absolute path
assert(study:save(dir .. "/saved.lua"))
local back = exopk.load(dir .. "/saved.lua")
assert(back.data:sub(1, 1) == "/", back.data)
assert(back.data:match("calibration%-observed%.csv$"))
assert(#exopk.observed(back, exopk.simulate(back, { arm = "free_dox" })) == 9)

-- errors
local ok, msg = pcall(exopk.observed, study, res, dir .. "/none.csv")
assert(not ok and msg:find("none.csv: cannot open", 1, true), msg)
local default = exopk.load()
assert(default.data == nil)
ok, msg = pcall(exopk.observed, default, exopk.simulate(default, { arm = "control" }))
assert(not ok and msg:find("names no data", 1, true), msg)
