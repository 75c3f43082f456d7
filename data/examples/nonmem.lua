-- The calibration study (data/examples/calibration.lua) with its data as a
-- NONMEM/Monolix event dataset: the dose rows of nonmem-dataset.csv give the
-- free_dox and exodox arms their dosing (written {} here), and its
-- observation rows are the data, through the compartment map below
-- (format: docs/study-files.md, "NONMEM and Monolix datasets").
--
-- The data are SIMULATED, not measured (the dataset's header says how).
return {
  name = "Default study dosed and observed through a NONMEM dataset (simulated data)",
  subject = {
    species = "mouse",
    weight  = "25 g",
    tumour  = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 },
  },

  horizon      = "28 d",
  output_every = "1 h",

  -- A NONMEM dataset: every compartment (CMT) says what DV means there
  -- (an output series and the unit of DV) or what a dose gives (a
  -- formulation or agent and the unit of AMT).  TIME is in h (time_unit).
  data = {
    file      = "nonmem-dataset.csv",
    format    = "nonmem",
    time_unit = "h",
    cmt = {
      [1] = { give = "exodox", amt_unit = "particles" },
      [2] = { give = "doxorubicin", amt_unit = "mg/kg" },
      [3] = { output = "doxorubicin.plasma", dv_unit = "ng/mL" },
      [4] = { output = "tumour_volume", dv_unit = "mm3" },
    },
  },

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
    free_dox = {},   -- dosed by the dataset: 5 mg/kg every 7 d, 3 doses
    exodox   = {},   -- dosed by the dataset: 2e11 particles every 3 d, 5 doses
  },
}
