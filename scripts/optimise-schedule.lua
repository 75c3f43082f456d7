-- optimise-schedule.lua: the best exosomal doxorubicin schedule under a heart limit.
--
--   exopk run scripts/optimise-schedule.lua [SAVE.lua]
--
-- A tutorial of exopk.optimize.  The question: for the default study's
-- "exodox" arm (MSC exosomes loaded with doxorubicin by electroporation, a
-- nude mouse with a 100 mm3 MDA-MB-231 tumour, 28 days), which particle
-- dose, dosing interval, number of doses and drug offered per vesicle give
-- the smallest tumour at day 28 -- without exposing the heart to more
-- doxorubicin than one ordinary free dose would?
--
-- The heart limit is phrased clinically.  The metric
-- doxorubicin.free_equivalent_dose_mg_per_m2 is the heart AUC expressed as
-- the free IV bolus (in mg/m2 of body surface) that would give the same
-- heart AUC in this animal.  We allow 15 mg/m2: in a mouse (FDA factor
-- 3 kg/m2) that is one 5 mg/kg bolus, a single dose of the study's free_dox
-- arm (which gives three).  Change LIMIT below to ask another question.
--
-- Run time: about 10 s (2000 simulations of 28 days, in parallel threads).

local exopk = require "exopk"          -- the scripting API (docs/lua-api.md)

local LIMIT = 15                       -- mg/m2 of free-equivalent heart exposure
local HEART = "doxorubicin.free_equivalent_dose_mg_per_m2"

-- 1. Load a study exactly as `exopk simulate` would (same checks and
--    messages).  Without a path, exopk.load() gives the bundled default
--    study (data/examples/default.lua).
local study = exopk.load()
print(("study: %s"):format(study:name()))

-- 2. The baseline: simulate every arm once.  exopk.simulate without `arm`
--    returns a table arm name -> result; metrics are in engine units
--    (mm3, nmol*h/L, h, particles) and res:metrics() gives their units.
local base = exopk.simulate(study)
print("\nbaseline (the study as written):")
print(("  %-9s %16s %22s"):format("arm", "tumour day 28", "heart (free-equiv.)"))
for _, arm in ipairs(study:arms()) do
  local r = base[arm]
  local m = r:metrics()
  print(("  %-9s %12.1f mm3 %15s"):format(arm, r:metric("tumour_volume_final"),
        m[HEART] and ("%.3g mg/m2"):format(m[HEART].value) or "-"))
end

local shown                            -- the last best objective reported

-- 3. The problem.  `vary` names what exopk.simulate's `set` understands:
--    the first dosing line's dose / every / count, and `offered` (molecules
--    offered per vesicle to the loading step).  Bounds are numbers in engine
--    units or strings with units; log = true searches a decade scale;
--    count is searched over whole numbers.
local problem = {
  study = study,
  arm   = "exodox",
  vary  = {
    dose    = { "1e10 particles", "1e13 particles", log = true },  -- per dose
    every   = { "1 d", "7 d" },                                    -- interval
    count   = { 1, 8 },                                            -- doses
    offered = { "500 /vesicle", "20000 /vesicle", log = true },     -- loading input
  },
  minimize   = "tumour_volume_final",
  subject_to = { [HEART] = { max = LIMIT } },
  algorithm  = "auto",        -- global sampling, then a local polish (COBYLA)
  seed       = 1,             -- the same seed gives the same answer
  max_evaluations = 2000,
  max_time   = 60,            -- seconds
  -- Called now and then on this thread with the best feasible point so far
  -- (nil before there is one); return true to stop early (the best point
  -- is then returned with status "cancelled").
  progress = function(best, evaluations)
    if best and best.objective ~= shown then
      shown = best.objective
      io.stderr:write(("  %5d evaluations: best so far %.1f mm3\n"):format(evaluations,
                      best.objective))
    end
    return false
  end,
}

print(("\noptimising exodox: minimise the day-28 tumour volume with heart exposure"
       .. " <= %g mg/m2 free-equivalent ..."):format(LIMIT))
local best = exopk.optimize(problem)

-- 4. The answer: best.x holds the optimum in engine units (particles, h,
--    molecules per vesicle); best.study is the study with it applied.
local x = best.x
-- "(at the upper bound)": the optimiser wants more than the range allows
local function edge(value, lo, hi)
  if math.abs(value - hi) <= 1e-6 * hi then return "  (at the upper bound)" end
  if math.abs(value - lo) <= 1e-6 * lo then return "  (at the lower bound)" end
  return ""
end
print(("\nstatus %s after %d evaluations in %.1f s (%s)"):format(best.status,
      best.evaluations, best.wall_time, best.feasible and "feasible" or "NOT feasible"))
print("optimum:")
print(("  dose     %.3g particles per dose%s"):format(x.dose, edge(x.dose, 1e10, 1e13)))
print(("  every    %.1f h (%.2f d)%s"):format(x.every, x.every / 24, edge(x.every, 24, 168)))
print(("  count    %d doses%s"):format(x.count, edge(x.count, 1, 8)))
print(("  offered  %.0f molecules per vesicle%s"):format(x.offered, edge(x.offered, 500, 20000)))

-- Simulate the optimum again for the numbers the optimiser did not keep:
-- the loaded drug per vesicle and the drug given.
local r = exopk.simulate(best.study, { arm = "exodox" })
print(("  loaded   %.0f molecules per vesicle (EE %.1f %%)"):format(
      r:metric("exodox.doxorubicin.molecules_per_vesicle"), r:metric("exodox.doxorubicin.ee_pct")))
print(("  drug     %.3g mg/kg in total (%.3g mg/m2)"):format(
      r:metric("doxorubicin.cumulative_dose_mg_per_kg"),
      r:metric("doxorubicin.cumulative_dose_mg_per_m2")))
print(("tumour volume at day 28: %.1f mm3 (control %.1f, free_dox %.1f, exodox as written %.1f)")
      :format(best.objective, base.control:metric("tumour_volume_final"),
              base.free_dox:metric("tumour_volume_final"),
              base.exodox:metric("tumour_volume_final")))
print(("tumour growth inhibition: %.1f %%"):format(r:metric("tgi_pct")))
local c = best.constraints[HEART]
print(("heart limit: %.3g mg/m2 free-equivalent of %g allowed (slack %.3g mg/m2)")
      :format(c.value, LIMIT, c.slack))

-- 5. Keep the optimised study: a readable study file that `exopk simulate`
--    runs and exopk.load reads back to the same study.
if arg[1] then
  local ok, msg = exopk.save(best.study, arg[1])
  if not ok then error(msg, 0) end
  print(("saved the optimised study to %s (try: exopk simulate %s)"):format(arg[1], arg[1]))
else
  print("(give a file name to save the optimised study: exopk run " .. arg[0] .. " opt.lua)")
end
