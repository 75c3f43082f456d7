-- expect: nonmem-empty-cmt.lua:6: data.cmt[2]: gives neither output (what DV means) nor give (what a dose is)
return {
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "2 d",
  data = { file = "x.csv", format = "nonmem", cmt = { [2] = { dv_unit = "ng/mL" } } },
  arms = {
    free_dox = {},
  },
}
