-- expect: unknown-name.csv:2: name: arm free_dox has no output series or metric "doxorubicin.plasm" (did you mean "doxorubicin.plasma"?)
return {
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "2 d",
  data = "unknown-name.csv",
  arms = {
    control = {},
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg" } },
  },
}
