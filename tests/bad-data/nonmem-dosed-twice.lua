-- expect: nonmem-dosed-twice.csv:2: AMT: arm free_dox is dosed here and in the study file; give its doses in one place (an arm dosed by the dataset is written "free_dox = {}")
return {
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "2 d",
  data = { file = "nonmem-dosed-twice.csv", format = "nonmem", cmt = { [1] = { give = "doxorubicin", amt_unit = "mg/kg" }, [2] = { output = "doxorubicin.plasma", dv_unit = "ng/mL" } } },
  arms = {
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg" } },
  },
}
