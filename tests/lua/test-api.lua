-- exopk.load, exopk.simulate, exopk.Study and exopk.Result (docs/lua-api.md, "Lua
-- API for scripts").  Run by tests/test-script.c through the script host:
-- arg[1] is a fresh temporary directory.
local exopk = require "exopk"

local function raises(pattern, f, ...)
  local ok, msg = pcall(f, ...)
  assert(not ok, "expected an error matching " .. pattern)
  assert(tostring(msg):find(pattern, 1, true),
         ("error %q does not contain %q"):format(tostring(msg), pattern))
  return msg
end

local function close(a, b, rel)
  return math.abs(a - b) <= (rel or 1e-9) * math.abs(b)
end

-- the module
assert(package.loaded.exopk == exopk)
assert(type(exopk.VERSION) == "string" and exopk.version() == exopk.VERSION)
assert(type(exopk.data_dir()) == "string")

-- a study: the bundled default when no path is given
local study = exopk.load()
assert(tostring(study):find("exopk.Study", 1, true))
assert(study:name():find("default study", 1, true))
local arms = study:arms()
assert(#arms == 3 and arms[1] == "control" and arms[2] == "free_dox" and arms[3] == "exodox")
assert(study:formulations()[1] == "exodox")
assert(study.horizon == 672 and study.output_every == 1)
assert(study.species == "mouse" and close(study.weight, 0.025))
assert(study.tumour == "mda_mb_231" and study.tumour_volume == 100)
assert(next(study.params) == nil)
raises('no field "horizn" (did you mean "horizon"?)', function() return study.horizn end)
local lines = study:arm("exodox")
assert(#lines == 1 and lines[1].give == "exodox" and lines[1].unit == "particles")
assert(lines[1].dose == 2e11 and lines[1].every == 72 and lines[1].count == 5)
assert(lines[1].dose_text == "2e11 particles")
raises('no arm "exodx" in the study (did you mean "exodox"?)', study.arm, study, "exodx")

-- one arm: metric in engine units, tgi_pct from a silent control run
local res = exopk.simulate(study, { arm = "exodox" })
assert(res:arm() == "exodox")
local vol = res:metric("tumour_volume_final")
assert(vol > 100 and vol < 2000, vol)
assert(res:metric("particles_given") == 1e12)
assert(type(res:metric("tgi_pct")) == "number")
local m = res:metrics()
assert(m.tumour_volume_final.value == vol and m.tumour_volume_final.unit == "mm3")
assert(m["doxorubicin.heart_auc"].unit == "nmol*h/L")
local names = res:metric_names()
assert(#names >= 10 and m[names[1]] ~= nil)
-- a typo names the nearest metric
raises('no metric "tumor_volume_final" in arm exodox (did you mean "tumour_volume_final"?)',
       res.metric, res, "tumor_volume_final")
raises('res:metrics() lists its', res.metric, res, "zzzzzzzzzzzzzzzzzzzzzzzz")

-- series: two arrays (and the unit)
local t, v, unit = res:series("tumour_volume")
assert(#t == #v and #t == 673 and t[1] == 0 and t[#t] == 672 and unit == "mm3")
assert(v[#v] == vol)
assert(#res:times() == #t)
local sn = res:series_names()
local found = false
for _, n in ipairs(sn) do found = found or n == "doxorubicin.heart" end
assert(found)
raises('no series "tumour_volum" in arm exodox (did you mean "tumour_volume"?)',
       res.series, res, "tumour_volum")

-- set: numbers in engine units, strings converted by kind, a parameter path
local r2 = exopk.simulate(study, { arm = "exodox",
  set = { dose = 1e11, every = "48 h", count = 8, offered = 2000,
          ["carrier.k_pt"] = "0.8 /h" } })
assert(r2:metric("particles_given") == 8e11)
assert(r2:metric("exodox.doxorubicin.molecules_per_vesicle")
       < res:metric("exodox.doxorubicin.molecules_per_vesicle"))
-- the study itself is unchanged by a run's set
assert(study:arm("exodox")[1].dose == 2e11)
-- a mass dose for the free arm, converted with the subject's weight
local f5 = exopk.simulate(study, { arm = "free_dox", set = { dose = "5 mg/kg" } })
local f0 = exopk.simulate(study, { arm = "free_dox" })
assert(close(f5:metric("doxorubicin.heart_auc"), f0:metric("doxorubicin.heart_auc"), 1e-12))
local f10 = exopk.simulate(study, { arm = "free_dox", set = { dose = "10 mg/kg" } })
assert(f10:metric("doxorubicin.cumulative_dose_mg_per_kg") > 29.9)

-- misuse raises with a clear message
raises('set.dose: "5 mg/kg" is an amount of drug, but the first dosing line of arm exodox '
       .. 'is dosed in particles', exopk.simulate, study, { arm = "exodox", set = { dose = "5 mg/kg" } })
raises('unknown name "dosee" (did you mean "dose"?)',
       exopk.simulate, study, { arm = "exodox", set = { dosee = 1 } })
raises('unknown parameter "carrier.k_ptt" (did you mean "carrier.k_pt"?)',
       exopk.simulate, study, { arm = "exodox", set = { ["carrier.k_ptt"] = 1 } })
raises('set.every: "3 kg": expected a time', exopk.simulate, study,
       { arm = "exodox", set = { every = "3 kg" } })
raises('set.every: must be positive', exopk.simulate, study,
       { arm = "exodox", set = { every = -1 } })
raises('set.count: 2.5 is not a whole number', exopk.simulate, study,
       { arm = "exodox", set = { count = 2.5 } })
raises('set.dose: arm control has no dosing line', exopk.simulate, study,
       { arm = "control", set = { dose = 1 } })
raises('unknown option "arms" (did you mean "arm"?)', exopk.simulate, study, { arms = "x" })
raises("no arm \"zzzzzzzzzzzz\" in the study (arms: control, free_dox, exodox)", exopk.simulate,
       study, { arm = "zzzzzzzzzzzz" })
raises('set.dose: changes an arm\'s first dosing line: name the arm', exopk.simulate, study,
       { set = { dose = 1 } })
raises("bad argument #1 to 'exopk.simulate'", exopk.simulate, "study.lua")

-- all arms: a table keyed by arm name, compared against control
local all = exopk.simulate(study, { set = { ["doxorubicin.kp_heart"] = 10 } })
assert(all.control and all.free_dox and all.exodox)
assert(all.control:metric("tgi_pct") == 0)
assert(all.free_dox:metric("tgi_pct") > 5)
local one = exopk.simulate(study, { arm = "exodox", set = { ["doxorubicin.kp_heart"] = 10 } })
assert(all.exodox:metric("tgi_pct") == one:metric("tgi_pct"))
assert(all.free_dox:metric("doxorubicin.heart_auc") < f0:metric("doxorubicin.heart_auc"))  -- Kp 15 -> 10

-- copies, in-place set, closing (also by to-be-closed variables)
local c = study:copy()
assert(c:set("exodox", { dose = "5e11 particles" }) == c)
assert(c:arm("exodox")[1].dose == 5e11 and c:arm("exodox")[1].dose_text == "")
assert(study:arm("exodox")[1].dose == 2e11)
c:close()
c:close()                                  -- closing twice is fine
assert(tostring(c) == "exopk.Study (closed)")
raises("the exopk.Study is closed", c.arms, c)
raises("the exopk.Study is closed", exopk.simulate, c)
do
  local r <close> = exopk.simulate(study, { arm = "control" })
  assert(r:metric("tumour_volume_final") > 0)
end
res:close()
raises("the exopk.Result is closed", res.metric, res, "tumour_volume_final")

-- load_string: a study held in a string; its errors name the chunk
local s2 = exopk.load_string([[
return { subject = { species = "mouse" }, horizon = "2 d",
         arms = { free = { { give = "doxorubicin", route = "iv", dose = "1 mg/kg" } } } }
]], "inline.lua")
assert(s2:name() == "inline")
assert(exopk.simulate(s2, { arm = "free" }):metric("doxorubicin.plasma_auc") > 0)
raises('inline.lua:1: horizon: "2 dd": unknown unit', exopk.load_string,
       'return { subject = { species = "mouse" }, horizon = "2 dd", arms = { c = {} } }',
       "inline.lua")
-- a missing file
raises("nonexistent.lua: cannot open", exopk.load, arg[1] .. "/nonexistent.lua")
print("test-api: ok")
