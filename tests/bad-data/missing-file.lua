-- expect: missing-file.lua: data: nowhere.csv: cannot open: No such file or directory
return {
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "2 d",
  data = "nowhere.csv",
  arms = {
    control = {},
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg" } },
  },
}
