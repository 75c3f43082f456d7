-- The default study (data/examples/default.lua) with observed data beside it:
-- `exopk simulate data/examples/calibration.lua --plot fig.png` draws the
-- observations of calibration-observed.csv over the model's lines (points
-- with sd error bars; open circles at the LLOQ for plasma samples below it).
--
-- The data are SIMULATED from the default study with 15 % log-normal noise,
-- not measured: the file's header says how.  Replace them with your own
-- measurements (format: docs/study-files.md, "Observed data").
return {
  name = "Default study with observed data (simulated, 15 % noise)",

  subject = {
    species = "mouse",
    weight  = "25 g",
    tumour  = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 },
  },

  horizon      = "28 d",
  output_every = "1 h",

  -- Observed data: a path relative to this file.  Names are output series
  -- or metrics (docs/outputs.md); units are converted (ng/mL of doxorubicin
  -- to nmol/L through its molar mass).
  data = "calibration-observed.csv",

  formulations = {
    exodox = {
      carrier  = "msc",
      diameter = "100 nm",
      surface  = { cd47 = false, peg = false },
      loading  = { method = "electroporation" },
      cargo    = { { agent = "doxorubicin", offered = "5000 /vesicle" } },
    },
  },

  arms = {
    control  = {},
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg",
                   every = "7 d", count = 3 } },
    exodox   = { { give = "exodox", route = "iv", dose = "2e11 particles",
                   at = "0 d", every = "3 d", count = 5 } },
  },
}
