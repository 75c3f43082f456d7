-- exoDOX against exoDOX-iRGD: the same MSC exosomes loaded with doxorubicin by
-- electroporation, plain or displaying the tumour-penetrating peptide iRGD (as the
-- iRGD-Lamp2b exosomes of Tian Y et al. 2014, Biomaterials 35:2383-2390), in a
-- 25 g mouse with a 100 mm3 MDA-MB-231 tumour (alpha-v integrin and NRP1 listed in
-- data/tumours/mda_mb_231.lua, so iRGD binds).
--
-- data/ligands/irgd.lua multiplies tumour extravasation (ps_tum) and tumour-cell
-- uptake (k_int) by 2 and washout (k_ip) by 0.5; MPS uptake is unchanged. Since
-- extravasation is a small share of the vesicles' clearance, doubling it roughly
-- doubles the tumour's %ID (docs/model.md, "Targeting"). The targeting gains are
-- grade W (qualitative evidence only): read the difference between the arms as
-- what the library's multipliers imply, not as a measured effect. Try the same
-- study with model = "mcf7": the loader warns that MCF-7 lists no alpha-v integrin
-- and only the MPS multiplier applies.
return {
  name = "exoDOX vs exoDOX-iRGD, MDA-MB-231",

  subject = {
    species = "mouse",
    weight  = "25 g",
    tumour  = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 },
  },

  horizon      = "14 d",
  output_every = "1 h",

  formulations = {
    exodox = {
      carrier  = "msc",
      diameter = "100 nm",
      surface  = { cd47 = false, peg = false },
      loading  = { method = "electroporation" },
      cargo    = { { agent = "doxorubicin", offered = "5000 /vesicle" } },
    },
    exodox_irgd = {
      carrier  = "msc",
      diameter = "100 nm",
      surface  = { cd47 = false, peg = false, ligand = "irgd" },
      loading  = { method = "electroporation" },
      cargo    = { { agent = "doxorubicin", offered = "5000 /vesicle" } },
    },
  },

  arms = {
    control     = {},
    exodox      = { { give = "exodox", route = "iv", dose = "2e11 particles",
                      at = "0 d", every = "3 d", count = 5 } },
    exodox_irgd = { { give = "exodox_irgd", route = "iv", dose = "2e11 particles",
                      at = "0 d", every = "3 d", count = 5 } },
  },
}
