-- expect: nonmem-unknown-field.lua:6: data.fromat: unknown field (did you mean "format"?)
return {
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "2 d",
  data = { file = "x.csv", fromat = "nonmem" },
  arms = {
    free_dox = {},
  },
}
