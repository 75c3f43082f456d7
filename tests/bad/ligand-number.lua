-- expect: ligand-number.lua:15: formulations.exodox.surface.ligand[1]: expected a ligand name, got a number
return {
  name = "ligand-number",
  subject = {
    species = "mouse",
    weight = "25 g",
    tumour = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 },
  },
  horizon = "28 d",
  output_every = "1 h",
  formulations = {
    exodox = {
      carrier = "msc",
      diameter = "100 nm",
      surface = { cd47 = false, peg = false, ligand = { 11 } },
      loading = { method = "electroporation" },
      cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } },
    },
  },
  arms = {
    control = {},
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg",
                   every = "7 d", count = 3 } },
    exodox = { { give = "exodox", route = "iv", dose = "2e11 particles",
                 at = "0 d", every = "3 d", count = 5 } },
  },
}
