-- exopk.optimize with a population (robust optimisation): a p95 constraint
-- over subjects with a variable clearance binds at a lower dose than the
-- same cap on the study's own (median) subject, and misuse is named.
local exopk = require "exopk"
local dir = arg[1]

local function raises(pattern, f, ...)
  local ok, msg = pcall(f, ...)
  assert(not ok, "expected an error matching " .. pattern)
  assert(tostring(msg):find(pattern, 1, true),
         ("error %q does not contain %q"):format(tostring(msg), pattern))
end

-- the default study with 30 % between-animal variability of clearance
local f = assert(io.open(exopk.data_dir() .. "/examples/default.lua"))
local text = f:read("a"):gsub("}%s*$", '  variability = { ["doxorubicin.cl"] = "30 %%" },\n}\n')
f:close()
local path = dir .. "/variable.lua"
f = assert(io.open(path, "w"))
f:write(text)
f:close()
local study = exopk.load(path)
local HEART = "doxorubicin.heart_auc"

local function problem(extra)
  local p = { study = study, arm = "free_dox", vary = { dose = { 10, 1000, log = true } },
              maximize = "doxorubicin.plasma_auc",
              subject_to = { [HEART] = { max = 50000 } },
              seed = 1, max_evaluations = 40, threads = 2 }
  for k, v in pairs(extra or {}) do p[k] = v end
  return p
end

local plain = exopk.optimize(problem())
local robust = exopk.optimize(problem{
  population = { subjects = 20, seed = 3 },
  subject_to = { [HEART] = { max = 50000, statistic = "p95" } } })
assert(plain.feasible and robust.feasible, robust.status)
-- heart AUC grows with the dose and p95 over subjects exceeds the median
-- subject's: the robust dose is lower
assert(robust.x.dose < plain.x.dose, ("robust %g, plain %g"):format(robust.x.dose, plain.x.dose))

raises("statistic needs population", exopk.optimize, problem{ statistic = "p90" })
raises('statistic "q5": expected mean, median or pNN', exopk.optimize,
       problem{ population = { subjects = 5 }, statistic = "q5" })
raises("population: subjects: expected a whole number", exopk.optimize,
       problem{ population = { subjects = 0 } })
raises("population: the study varies nothing", exopk.optimize,
       problem{ study = exopk.load(), population = { subjects = 5 } })
