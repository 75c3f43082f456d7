-- expect: missing-column.csv:1: missing column "name" (the header needs arm, time, name, value)
return {
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "2 d",
  data = "missing-column.csv",
  arms = {
    control = {},
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg" } },
  },
}
