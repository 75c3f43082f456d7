-- expect: unknown-arm.csv:2: arm: the study has no arm "contrl" (did you mean "control"?)
return {
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "2 d",
  data = "unknown-arm.csv",
  arms = {
    control = {},
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg" } },
  },
}
