-- pareto.lua: the trade-off between shrinking the tumour and sparing the heart.
--
--   exopk run scripts/pareto.lua [OUT.csv [OUT.svg]]   (default pareto.csv, pareto.svg)
--
-- A tutorial of exopk.pareto.  A bigger exodox dose shrinks the tumour more
-- but also puts more doxorubicin in the heart.  No single schedule is "the
-- best"; the Pareto front is the set of schedules where the tumour cannot
-- get smaller without the heart exposure growing.  exopk.pareto finds it by
-- the epsilon-constraint method: it optimises the first metric with the
-- second bounded at `points` levels between its values at the two
-- single-objective optima (each point is a full exopk.optimize).
--
-- Output: a CSV with one row per front point (the schedule and both
-- metrics) and a small SVG scatter plot drawn by this script (the exopk
-- figure renderer draws time series, not scatter plots).
--
-- Run time: about 10-20 s.

local exopk = require "exopk"

local CSV = arg[1] or "pareto.csv"
local SVG = arg[2] or "pareto.svg"

local study = exopk.load()

-- The same fields as exopk.optimize, plus `second` and `points`.
local front = exopk.pareto{
  study = study,
  arm   = "exodox",
  vary  = {
    dose    = { 1e10, 1e13, log = true },   -- particles per dose (engine unit)
    every   = { "1 d", "7 d" },             -- interval (strings with units work too)
    offered = { 500, 20000, log = true },   -- molecules offered per vesicle
  },
  minimize = "tumour_volume_final",         -- the first metric, mm3
  second   = "doxorubicin.heart_auc",       -- the second, nmol*h/L ...
  maximize_second = false,                  -- ... also to be kept small
  points   = 8,
  seed     = 1,
  max_evaluations = 300,                    -- per point
}

print(("%d points on the front (tumour volume at day 28 vs heart AUC of doxorubicin):")
      :format(#front))
print(("%14s %10s %10s %14s %18s"):format("volume [mm3]", "heart AUC", "dose", "every [h]",
      "offered [/vesicle]"))
for _, p in ipairs(front) do
  print(("%14.1f %10.1f %10.3g %14.1f %18.0f%s"):format(p.first, p.second, p.x.dose,
        p.x.every, p.x.offered, p.feasible and "" or "  (infeasible)"))
end

-- CSV, written whole or not at all (temporary name, then rename).
local function write_atomic(path, text)
  local tmp = path .. ".tmp"
  local f = assert(io.open(tmp, "w"))
  f:write(text)
  assert(f:close())
  assert(os.rename(tmp, path))
end

local lines = { "tumour_volume_final [mm3],doxorubicin.heart_auc [nmol*h/L],dose [particles],"
                .. "every [h],offered [molecules/vesicle],feasible" }
for _, p in ipairs(front) do
  lines[#lines + 1] = ("%.10g,%.10g,%.10g,%.10g,%.10g,%s"):format(p.first, p.second, p.x.dose,
                       p.x.every, p.x.offered, tostring(p.feasible))
end
write_atomic(CSV, table.concat(lines, "\n") .. "\n")
print("wrote " .. CSV)

-- A minimal SVG scatter: heart AUC (x) against tumour volume (y), with the
-- study's own arms for reference.
local base = exopk.simulate(study)
local refs = {}
for _, arm in ipairs({ "free_dox", "exodox" }) do
  refs[#refs + 1] = { name = arm, x = base[arm]:metric("doxorubicin.heart_auc"),
                      y = base[arm]:metric("tumour_volume_final") }
end
local W, H, M = 640, 420, 60
local xmin, xmax, ymin, ymax = math.huge, -math.huge, math.huge, -math.huge
local function extend(x, y)
  xmin, xmax = math.min(xmin, x), math.max(xmax, x)
  ymin, ymax = math.min(ymin, y), math.max(ymax, y)
end
for _, p in ipairs(front) do extend(p.second, p.first) end
for _, r in ipairs(refs) do extend(r.x, r.y) end
-- heart AUC spans decades: a log x axis
local lx0, lx1 = math.log(xmin * 0.8, 10), math.log(xmax * 1.25, 10)
local y0, y1 = ymin - 0.05 * (ymax - ymin + 1), ymax + 0.05 * (ymax - ymin + 1)
local function px(x) return M + (math.log(x, 10) - lx0) / (lx1 - lx0) * (W - 2 * M) end
local function py(y) return H - M - (y - y0) / (y1 - y0) * (H - 2 * M) end
local svg = {
  ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" '
   .. 'font-size="12">'):format(W, H),
  "<title>exopk Pareto front: tumour volume vs heart AUC (exodox)</title>",
  ('<rect width="%d" height="%d" fill="white"/>'):format(W, H),
  ('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="black"/>')
    :format(M, M, W - 2 * M, H - 2 * M),
  ('<text x="%d" y="%d" text-anchor="middle">doxorubicin heart AUC [nmol*h/L] (log)</text>')
    :format(W / 2, H - 15),
  ('<text x="15" y="%d" transform="rotate(-90 15 %d)" text-anchor="middle">tumour volume at '
   .. 'day 28 [mm3]</text>'):format(H / 2, H / 2),
}
for e = math.ceil(lx0), math.floor(lx1) do            -- decade ticks
  local x = px(10 ^ e)
  svg[#svg + 1] = ('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ccc"/>'
                   .. '<text x="%.1f" y="%d" text-anchor="middle">1e%d</text>')
                  :format(x, M, x, H - M, x, H - M + 16, e)
end
for i = 0, 4 do                                       -- five volume ticks
  local v = y0 + i * (y1 - y0) / 4
  svg[#svg + 1] = ('<text x="%d" y="%.1f" text-anchor="end">%.0f</text>')
                  :format(M - 6, py(v) + 4, v)
end
local path = {}
for i, p in ipairs(front) do
  path[#path + 1] = ("%s%.1f,%.1f"):format(i == 1 and "M" or "L", px(p.second), py(p.first))
end
svg[#svg + 1] = ('<path d="%s" fill="none" stroke="#0072B2" stroke-width="1.5"/>')
                :format(table.concat(path, " "))
for _, p in ipairs(front) do
  svg[#svg + 1] = ('<circle cx="%.1f" cy="%.1f" r="4" fill="%s"/>')
                  :format(px(p.second), py(p.first), p.feasible and "#0072B2" or "#999")
end
for _, r in ipairs(refs) do
  svg[#svg + 1] = ('<rect x="%.1f" y="%.1f" width="8" height="8" fill="#D55E00"/>'
                   .. '<text x="%.1f" y="%.1f">%s (as written)</text>')
                  :format(px(r.x) - 4, py(r.y) - 4, px(r.x) + 8, py(r.y) - 6, r.name)
end
svg[#svg + 1] = "</svg>"
write_atomic(SVG, table.concat(svg, "\n") .. "\n")
print("wrote " .. SVG)
