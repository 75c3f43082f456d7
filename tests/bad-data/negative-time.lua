-- expect: negative-time.csv:2: time: -1 is negative
return {
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "2 d",
  data = "negative-time.csv",
  arms = {
    control = {},
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg" } },
  },
}
