-- expect: nonmem-cens.csv:3: CENS: -1 is not supported (0: a value, 1: below the LLOQ given as DV)
return {
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "2 d",
  data = { file = "nonmem-cens.csv", format = "nonmem", cmt = { [1] = { give = "doxorubicin", amt_unit = "mg/kg" }, [2] = { output = "doxorubicin.plasma", dv_unit = "ng/mL" } } },
  arms = {
    free_dox = {},
  },
}
