-- batch-sweep.lua: every carrier x loading method, one metrics table.
--
--   exopk run scripts/batch-sweep.lua [OUT.csv [STUDY_DIR]]
--                                     (default batch-sweep.csv, a temporary directory)
--
-- A tutorial of exopk.save and of study files as data.  What changes
-- between formulations here -- the vesicle source (data/carriers/) and how
-- the drug is put in (data/loading/) -- is not a number that `set` can
-- change, so the script writes one study file per combination:
--
--   1. exopk.save writes the default study as a clean study file (the same
--      text for the same study; every number reads back exactly);
--   2. for each carrier and method the carrier and method lines of that text
--      are replaced (and the diameter line dropped, so that each carrier
--      has its own mean diameter), and the variant is saved into STUDY_DIR (each one a
--      normal study file: `exopk simulate STUDY_DIR/milk-ph_gradient.lua`
--      runs it);
--   3. each variant is loaded with exopk.load (all the usual checks) and
--      simulated, and the exodox arm's metrics go into one long CSV with
--      the columns of `exopk simulate -o`'s metrics.csv plus the variant.
--
-- The loading methods are whatever data/loading/ holds: add a file there and
-- it is swept too.  (Milk EVs share the MSC kinetics in data/carriers/milk.lua
-- for want of intravenous data; they differ here by size.)  Run time: about 1 s.

local exopk = require "exopk"

local OUT = arg[1] or "batch-sweep.csv"
local DIR = arg[2]
if not DIR then                            -- a fresh temporary directory
  DIR = os.tmpname()
  os.remove(DIR)
  assert(os.execute(("mkdir -p '%s'"):format(DIR)), "cannot create " .. DIR)
end

local CARRIERS = { "msc", "milk" }

-- The loading methods of the parameter library: data/loading/*.lua.
local methods = {}
for name in io.popen(("ls '%s/loading'"):format(exopk.data_dir())):lines() do
  local m = name:match("^([%w_%-]+)%.lua$")
  if m then methods[#methods + 1] = m end
end
table.sort(methods)
print(("carriers: %s; loading methods: %s"):format(table.concat(CARRIERS, ", "),
      table.concat(methods, ", ")))

-- 1. The template: the default study as exopk.save writes it.
local template_path = DIR .. "/default.lua"
assert(exopk.save(exopk.load(), template_path))
local template = assert(io.open(template_path)):read("a")

-- Replaces exactly one occurrence of a plain string.
local function replace(text, old, new)
  local i, j = text:find(old, 1, true)
  assert(i and not text:find(old, j + 1, true), "expected one " .. old .. " in the template")
  return text:sub(1, i - 1) .. new .. text:sub(j + 1)
end

-- 2 and 3: variants, loaded, simulated; one CSV row per metric.
local rows = { "carrier,method,arm,metric,value,unit" }
local summary = {}
for _, carrier in ipairs(CARRIERS) do
  for _, method in ipairs(methods) do
    local name = carrier .. "-" .. method
    local text = template
    text = replace(text, 'carrier  = "msc"', ('carrier  = "%s"'):format(carrier))
    text = replace(text, 'method = "electroporation"', ('method = "%s"'):format(method))
    text = replace(text, 'name = "', ('name = "%s: '):format(name))
    -- the carrier's own mean diameter (msc 100 nm, milk 120 nm), not the
    -- template's: a bigger lumen holds more drug
    text = replace(text, '      diameter = "100 nm",\n', "")
    local study = exopk.load_string(text, name .. ".lua")   -- checked like a file
    assert(exopk.save(study, DIR .. "/" .. name .. ".lua"))  -- a normal study file
    local res = exopk.simulate(study, { arm = "exodox" })    -- with tgi_pct vs control
    local metrics = res:metrics()
    for _, metric in ipairs(res:metric_names()) do           -- the engine's order
      rows[#rows + 1] = ("%s,%s,%s,%s,%.10g,%s"):format(carrier, method, res:arm(), metric,
                        metrics[metric].value, metrics[metric].unit)
    end
    summary[#summary + 1] = {
      name = name,
      loaded = res:metric("exodox.doxorubicin.molecules_per_vesicle"),
      ee = res:metric("exodox.doxorubicin.ee_pct"),
      tumour_auc = res:metric("doxorubicin.tumour_auc"),
      heart_auc = res:metric("doxorubicin.heart_auc"),
      volume = res:metric("tumour_volume_final"),
      tgi = res:metric("tgi_pct"),
    }
  end
end

-- The CSV appears whole or not at all: a temporary name, then rename.
local tmp = OUT .. ".tmp"
local f = assert(io.open(tmp, "w"))
f:write(table.concat(rows, "\n"), "\n")
assert(f:close())
assert(os.rename(tmp, OUT))

print(("\n%-26s %12s %7s %12s %12s %12s %7s"):format("formulation", "molecules/v", "EE %",
      "tumour AUC", "heart AUC", "volume d28", "TGI %"))
for _, s in ipairs(summary) do
  print(("%-26s %12.0f %7.1f %12.1f %12.1f %8.1f mm3 %7.2f"):format(s.name, s.loaded, s.ee,
        s.tumour_auc, s.heart_auc, s.volume, s.tgi))
end
print(("\nwrote %s (%d rows); study files in %s"):format(OUT, #rows - 1, DIR))
