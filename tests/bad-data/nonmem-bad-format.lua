-- expect: nonmem-bad-format.lua:6: data.format: expected "csv" or "nonmem", got "monolix"
return {
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "2 d",
  data = { file = "x.csv", format = "monolix" },
  arms = {
    free_dox = {},
  },
}
