-- Validation anchor: vesicle PK in a healthy mouse.
--
--   plasma_particles_t_half_alpha  2-30 min
--  (EV elimination t1/2 7 min, range
--     2-30 min): Matsumoto A et al. 2020 J Extracell Vesicles 9:1696517 (about 7 min,
--     plasma sEVs, ✔); Takahashi Y et al. 2013 J Biotechnol 165:77 (about 2 min,
--  gLuc-LA B16-BL6 exosomes, ◐); dye-labelled exosomes t1/2alpha 6.9-8.8 min (via Kim DH et al. 2019, Pharmaceutics 11:649, Table 1, ◐).
--   mps_particles_pct_id at 4 h   20-60 %
--  Morishita M et al. 2015 J Pharm
--     Sci 104:705, 125I-exosomes at 4 h: liver 28 %, spleen 1.6 %, lung 7 %ID
--     (checked: the abstract states 28 %, 1.6 % and 7 %); liver share of cleared EVs
--     0.6 (0.3-0.8), MPS fraction of clearance 0.7 (0.6-0.8).
--
-- One low dose (1e10 particles: far below MPS saturation, about 1e12 per mL) of
-- MSC exosomes loaded with DOX by electroporation at the default 5000 /vesicle.
return {
  name = "Validation: healthy mouse vesicle PK (t1/2 alpha, MPS %ID at 4 h)",

  subject = { species = "mouse", weight = "25 g" },   -- no tumour

  horizon      = "24 h",
  output_every = "0.25 h",

  formulations = {
    exodox = {
      carrier  = "msc",
      diameter = "100 nm",
      surface  = { cd47 = false, peg = false },
      loading  = { method = "electroporation" },
      cargo    = { { agent = "doxorubicin", offered = "5000 /vesicle" } },
    },
  },

  arms = {
    exodox = { { give = "exodox", route = "iv", dose = "1e10 particles" } },
  },
}
