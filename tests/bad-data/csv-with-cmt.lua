-- expect: csv-with-cmt.lua:6: data.cmt: only a NONMEM dataset has compartments (add format = "nonmem")
return {
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "2 d",
  data = { file = "x.csv", cmt = { [1] = { output = "tumour_volume" } } },
  arms = {
    free_dox = {},
  },
}
