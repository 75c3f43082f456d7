-- expect: correlations-not-pd.lua:21: correlations: the correlation matrix is not positive definite (no population has these correlations together; weaken some)
return {
  name = "correlations-not-pd",
  subject = {
    species = "mouse",
    weight = "25 g",
    tumour = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 },
  },
  horizon = "28 d",
  output_every = "1 h",
  formulations = {
    exodox = {
      carrier = "msc",
      diameter = "100 nm",
      surface = { cd47 = false, peg = false },
      loading = { method = "electroporation" },
      cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } },
    },
  },
  variability = { ["carrier.k_pt"] = 0.3, ["carrier.k_tp"] = 0.3, ["carrier.k_cl"] = 0.3 },
  correlations = { { "carrier.k_pt", "carrier.k_tp", 0.9 }, { "carrier.k_tp", "carrier.k_cl", 0.9 },
                   { "carrier.k_pt", "carrier.k_cl", -0.9 } },
  arms = {
    control = {},
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg",
                   every = "7 d", count = 3 } },
    exodox = { { give = "exodox", route = "iv", dose = "2e11 particles",
                 at = "0 d", every = "3 d", count = 5 } },
  },
}
