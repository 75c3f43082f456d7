-- exopk.optimize and exopk.pareto on tiny problems (a few dozen 10 ms
-- simulations), the progress callback (cancel, and a Lua error in it,
-- which cancels the run and is raised again with its message), and misuse.
local exopk = require "exopk"

local function raises(pattern, f, ...)
  local ok, msg = pcall(f, ...)
  assert(not ok, "expected an error matching " .. pattern)
  assert(tostring(msg):find(pattern, 1, true),
         ("error %q does not contain %q"):format(tostring(msg), pattern))
  return msg
end

local study = exopk.load()
local HEART = "doxorubicin.heart_auc"

local function problem(extra)
  local p = { study = study, arm = "exodox",
    vary = { dose = { 1e10, "1e12 particles", log = true }, count = { 1, 4 } },
    minimize = "tumour_volume_final",
    subject_to = { [HEART] = { max = 300 } },
    seed = 7, max_evaluations = 40, threads = 2 }
  for k, v in pairs(extra or {}) do p[k] = v end
  return p
end

local best = exopk.optimize(problem())
assert(best.x.dose >= 1e10 and best.x.dose <= 1e12, best.x.dose)
assert(math.type(best.x.count) == "integer" and best.x.count >= 1 and best.x.count <= 4)
assert(type(best.objective) == "number" and best.metric == "tumour_volume_final")
assert(best.evaluations >= 1 and best.evaluations <= 60, best.evaluations)
assert(best.wall_time >= 0 and type(best.status) == "string")
assert(type(best.feasible) == "boolean")
local c = best.constraints[HEART]
assert(c and c.max == 300 and math.abs(c.slack - (300 - c.value)) <= 1e-9 * 300)
if best.feasible then assert(c.value <= 300 * (1 + 1e-9)) end
assert(#best.trace >= 1 and best.trace[1].x.dose and best.trace[1].objective)
assert(type(best.trace[1].violation) == "number")
-- the optimum, simulated again through `set`, gives the objective
local r = exopk.simulate(study, { arm = "exodox", set = { dose = best.x.dose, count = best.x.count } })
assert(math.abs(r:metric("tumour_volume_final") - best.objective) <= 1e-9 * best.objective)
-- best.study has the optimum applied, and saves
local line = best.study:arm("exodox")[1]
assert(line.dose == best.x.dose and line.count == best.x.count)
assert(tostring(best.study):find("exopk.Study", 1, true))
-- deterministic for a seed
local again = exopk.optimize(problem())
assert(again.objective == best.objective and again.x.dose == best.x.dose)

-- progress: called with (best or nil, evaluations); true cancels
local calls, last = 0, 0
local cancelled = exopk.optimize(problem{ max_evaluations = 200,
  progress = function(b, n)
    calls = calls + 1
    assert(math.type(n) == "integer" and n >= last)
    last = n
    assert(b == nil or (b.x.dose and b.objective))
    return n >= 5
  end })
assert(calls >= 1 and cancelled.status == "cancelled", cancelled.status)

-- a Lua error in progress cancels the run and is raised again, message intact
local msg = raises("stop here", exopk.optimize, problem{ progress = function(b, n)
  error("stop here")
end })
assert(msg:find("test%-optimize%.lua:%d+: stop here"), msg)
-- non-string error objects pass through too
local ok, obj = pcall(exopk.optimize, problem{ progress = function() error({ code = 42 }) end })
assert(not ok and type(obj) == "table" and obj.code == 42)

-- misuse
raises("vary: expected a table", exopk.optimize, problem{ vary = false })
raises("give either minimize = METRIC or maximize = METRIC", exopk.optimize,
       problem{ maximize = "tgi_pct" })
raises('unknown option "max_evaluation" (did you mean "max_evaluations"?)', exopk.optimize,
       problem{ max_evaluation = 3 })
raises('vary.dose: "5 mg/kg" is an amount of drug', exopk.optimize,
       problem{ vary = { dose = { "5 mg/kg", 1e12 } } })
raises("the lower bound", exopk.optimize, problem{ vary = { dose = { 1e12, 1e10 } } })
-- bounds outside the physical domain, refused before any run
raises("exopk.optimize: vary.carrier.k_pt: the lower bound -0.5 1/h is outside the domain of "
       .. "carrier.k_pt (must be >= 0)", exopk.optimize,
       problem{ vary = { ["carrier.k_pt"] = { -0.5, 1 } } })
raises("vary.doxorubicin.f_esc: the upper bound 1.5 is outside the domain of doxorubicin.f_esc "
       .. "(must be between 0 and 1)", exopk.optimize,
       problem{ vary = { ["doxorubicin.f_esc"] = { 0.2, 1.5 } } })
raises('vary.dose: the lower bound -1 is outside the domain of dose (must be >= 0)',
       exopk.optimize, problem{ vary = { dose = { -1, 1e12 } } })
raises('no arm "exodx"', exopk.optimize, problem{ arm = "exodx" })
raises("exopk.optimize: ", exopk.optimize, problem{ minimize = "tumor_volume_final" })

-- pareto: tumour volume against heart AUC
local front = exopk.pareto(problem{ second = HEART, points = 3, max_evaluations = 25,
                                    vary = { dose = { 1e10, 1e12, log = true } } })
assert(#front >= 2, #front)
for i, p in ipairs(front) do
  assert(p.x.dose >= 1e10 and p.x.dose <= 1e12 and type(p.first) == "number")
  assert(type(p.second) == "number" and type(p.feasible) == "boolean")
  if i > 1 then assert(p.first >= front[i - 1].first) end
end
raises("second: missing", exopk.pareto, problem())
print("test-optimize: ok")
