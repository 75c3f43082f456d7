-- Example study: does co-loading an siRNA against ABCB1 (P-gp) with doxorubicin in
-- the same exosomes beat exosomal doxorubicin alone in a P-gp-high tumour?
--
-- The idea (docs/model.md, 'Biology', "exosomes as carriers that reverse resistance"e.g. the
-- DARS-AS1 siRNA + DOX co-loaded EXOs-CL4 of Liu 2023): the siRNA lowers P-gp in the
-- tumour cells, so the DOX that arrives with it (and after it) stays inside.
--
-- The tumour is MCF-7/ADR (data/tumours/mcf7_adr.lua): 90 % resistant cells with 50x
-- the P-gp of the sensitive ones; the resistant cells hold 0.2 of the sensitive cells'
-- DOX (Shen 2008) and need 30x more DOX in the medium. sirna_abcb1 acts on that P-gp
-- level with share 1 (data/agents/sirna_abcb1.lua).
--
-- Four arms: untreated control; free DOX; exosomes carrying DOX only ("exodox");
-- exosomes carrying DOX + siRNA-ABCB1 in the same vesicles ("exodox_sirna"). The two
-- exosome arms get identical particle doses and identical DOX per vesicle, so any
-- difference between them is the siRNA's.
--
-- Doses and why:
--   free DOX 5 mg/kg iv once a week x 3: the common mouse range is 2-10 mg/kg
--  (5 mg/kg = 15 mg/m2 with the mouse Km 3), as the default study
--   2e11 vesicles iv every 3 days x 5: therapeutic EV studies give 1e9-1e11 particles
--  or 10-200 ug protein per mouse (◐/✱), as the default study
--   5000 DOX offered per vesicle (the default study's loading, ~900 associated);
--   4500 siRNA offered per vesicle: a 1:1 mass ratio of siRNA to EV protein, common in
--     electroporation protocols (1 ug siRNA = 4.5e13 duplexes per 1 ug EVs = 1e10
--     vesicles; background knowledge of published protocols, not a sourced value).
--
-- What to expect, by hand (the RNA engine is new; run it and compare): electroporation
-- associates ~0.05 x 4500 = ~225 siRNA per vesicle (ee0 0.05), almost all of it in the
-- membrane pool because the lumen holds ~20 (loading/electroporation.lua). Of 2e11
-- vesicles ~0.7 % reach a 100 mm3 tumour and ~70 % of those are taken up: ~10
-- vesicles per cell, ~2,000 siRNA in endosomes, ~30 in the cytosol after escape
-- (f_esc 0.015) -- minus what leaks off the surface first and what is degraded in
-- the endosome before it escapes: the run gives a peak of 7.7 cytosolic copies per
-- cell (metric sirna_abcb1.cytosolic_copies_per_cell_max). The siRNA file's calibration
-- needs a few thousand cytosolic copies per cell for a deep, week-long knockdown. So
-- expect little P-gp knockdown and exodox_sirna close to exodox: the model makes the
-- delivery bottleneck visible (as the default study does for DOX per vesicle). Things
-- to try with `params` or `exopk run`: a pH-gradient loading method (hundreds of siRNA
-- in the lumen, loading/ph_gradient.lua), more vesicles (MPS saturation above ~1e12,
-- docs/model.md §2), a targeting ligand, or f_esc at the top of its range
-- (["sirna_abcb1.f_esc"] = 0.05). Watch the target protein, doxorubicin.cell_r and the
-- resistant fraction.
return {
  name = "siRNA-ABCB1 co-loaded with DOX in MSC exosomes vs DOX alone, MCF-7/ADR",

  subject = {
    species = "mouse",
    weight  = "25 g",
    tumour  = {
      model = "mcf7_adr",                  -- P-gp-high, DOX-selected ER+ line
      volume = "100 mm3",
      resistant_fraction = 0.9,            -- the line's default: mostly resistant cells
    },
  },

  horizon      = "28 d",
  output_every = "1 h",

  formulations = {
    -- DOX only: the comparator that isolates the siRNA's contribution.
    exodox = {
      carrier  = "msc",
      diameter = "100 nm",
      surface  = { cd47 = false, peg = false },
      loading  = { method = "electroporation" },
      cargo    = { { agent = "doxorubicin", offered = "5000 /vesicle" } },
    },
    -- DOX + siRNA-ABCB1 in one electroporation: both cargos share each vesicle
    -- (docs/model.md §1 co-loading: they share the lumen; a warning appears if it overfills).
    exodox_sirna = {
      carrier  = "msc",
      diameter = "100 nm",
      surface  = { cd47 = false, peg = false },
      loading  = { method = "electroporation" },
      cargo    = {
        { agent = "doxorubicin", offered = "5000 /vesicle" },
        { agent = "sirna_abcb1", offered = "4500 /vesicle" },
      },
    },
  },

  arms = {
    control      = {},                     -- the reference of tgi_pct
    free_dox     = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg",
                       every = "7 d", count = 3 } },
    exodox       = { { give = "exodox", route = "iv", dose = "2e11 particles",
                       at = "0 d", every = "3 d", count = 5 } },
    exodox_sirna = { { give = "exodox_sirna", route = "iv", dose = "2e11 particles",
                       at = "0 d", every = "3 d", count = 5 } },
  },

  -- Optional overrides (see `exopk params sirna_abcb1`), e.g. a more optimistic escape:
  --   params = { ["sirna_abcb1.f_esc"] = 0.05 },
  solver = { rtol = 1e-6, atol = 1e-12 },
}
