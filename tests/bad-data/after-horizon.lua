-- expect: after-horizon.csv:2: time: 72 h is after the horizon (48 h)
return {
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "2 d",
  data = "after-horizon.csv",
  arms = {
    control = {},
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg" } },
  },
}
