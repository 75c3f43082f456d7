-- Fixture of tests/test-script.c (save -> load round trip): a study that
-- uses what the writer must reproduce: several lines per arm, a cargo mass
-- dose (dose_of), an infusion, it and ip routes, at, a quoted arm name,
-- overrides of several kinds, two formulations and solver settings.
return {
  name = "round trip: \"quotes\", back\\slash and ünïcode",
  subject = {
    species = "mouse",
    weight  = "22.5 g",
    tumour  = { model = "mda_mb_231", volume = "87.5 mm3", resistant_fraction = 0.125 },
  },
  horizon      = "21 d",
  output_every = "90 min",
  formulations = {
    exodox = {
      carrier  = "msc",
      diameter = "110 nm",
      surface  = { cd47 = true, peg = false },
      loading  = { method = "electroporation" },
      cargo    = { { agent = "doxorubicin", offered = "4321 /vesicle" } },
    },
    milkdox = {
      carrier  = "milk",
      surface  = { peg = true, ligand = { "irgd", "ge11" } },
      loading  = { method = "ph_gradient" },
      cargo    = { { agent = "doxorubicin", offered = "12345.5 /vesicle", ee = "12 %" } },
    },
  },
  arms = {
    control = {},
    ["mixed-arm"] = {
      { give = "exodox", route = "iv", dose = "0.05 mg/kg", dose_of = "doxorubicin",
        at = "12 h", every = "2.5 d", count = 4, over = "30 min" },
      { give = "doxorubicin", route = "ip", dose = "2 mg/m2", at = "1 d" },
      { give = "milkdox", route = "it", dose = "7.5e10 particles", at = "36 h" },
      { give = "milkdox", route = "iv", dose = "30 ug protein", at = "2 d" },
    },
    numeric = { { give = "milkdox", route = "iv", dose = "3.3e11 particles", every = "30 h", count = 3 } },
    free = { { give = "doxorubicin", route = "iv", dose = "17.25 nmol", every = "7 d", count = 2 } },
  },
  params = {
    ["carrier.k_pt"] = "0.8 /h",
    ["carrier.msc.k_tp"] = "0.07 1/h",
    ["doxorubicin.kp_heart"] = 12.5,
    ["doxorubicin.cl"] = "1.7 L/h",
    ["species.plasma_volume"] = "1.1 mL",
    ["tumour.capacity"] = "2.5 cm3",
  },
  solver = { rtol = 3e-7, atol = 1e-11 },
}
