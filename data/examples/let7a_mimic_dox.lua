-- Example study: does a let-7a mimic co-loaded with doxorubicin in MSC exosomes slow
-- an MDA-MB-231 tumour more than exosomal doxorubicin alone?
--
-- The idea: let-7a is a tumour-suppressor miRNA (RAS, HMGA2) that breast-cancer cells
-- under-express; exosomes carried it into breast-cancer xenografts (Ohno S et al. 2013,
-- Mol Ther 21:185-191, doi 10.1038/mt.2012.180). A mimic raises let-7a activity
-- a = 1 + mimic copies / endogenous copies, and the targets' share of the growth rate
-- falls with a - 1 (data/agents/let7a_mimic.lua, classes/mirna_mimic.lua).
--
-- Arms: untreated control; free DOX; exosomes carrying DOX ("exodox"); exosomes
-- carrying DOX + let-7a mimic in the same vesicles ("exodox_let7a", same particles and
-- DOX per vesicle, so any difference is the mimic's); and the let-7a exosomes given
-- intratumorally ("let7a_it", no DOX), the delivery that bypasses plasma and the MPS.
--
-- Doses and why (as examples/sirna_abcb1_dox.lua):
--   free DOX 5 mg/kg iv once a week x 3: the common mouse range is 2-10 mg/kg;
--   2e11 vesicles iv every 3 days x 5: therapeutic EV studies give 1e9-1e11 particles
--     or 10-200 ug protein per mouse (background of published protocols);
--   5000 DOX and 4500 mimic offered per vesicle (a 1:1 mass ratio of RNA to EV
--     protein, common in electroporation protocols; not a sourced value);
--   1e11 vesicles intratumorally every 3 days x 5 for the local arm.
--
-- What to expect: electroporation associates ~217 mimic per vesicle (ee0 0.05),
-- almost all surface-bound; the iv doses put at most ~9 copies into the cytosol of
-- each tumour cell, so against 1,000 endogenous let-7a copies the activity rises by
-- under 1 % and exodox_let7a tracks exodox (TGI 0.5 vs 0.3 %). The intratumoral
-- doses reach ~500 copies per cell: activity +50 %, the growth rate cut by up to
-- 17 % (share 0.5 x 0.5/(1 + 0.5)), TGI ~7 % without any DOX. Watch
-- let7a_mimic.mirna_activity and the metrics let7a_mimic.mirna_raise_max_pct,
-- let7a_mimic.cytosolic_copies_per_cell_max and tgi_pct.
return {
  name = "let-7a mimic co-loaded with DOX in MSC exosomes vs DOX alone, MDA-MB-231",

  subject = {
    species = "mouse",
    weight  = "25 g",
    tumour  = { model = "mda_mb_231", volume = "100 mm3" },
  },

  horizon      = "28 d",
  output_every = "1 h",

  formulations = {
    exodox = {
      carrier  = "msc",
      diameter = "100 nm",
      surface  = { cd47 = false, peg = false },
      loading  = { method = "electroporation" },
      cargo    = { { agent = "doxorubicin", offered = "5000 /vesicle" } },
    },
    exodox_let7a = {
      carrier  = "msc",
      diameter = "100 nm",
      surface  = { cd47 = false, peg = false },
      loading  = { method = "electroporation" },
      cargo    = {
        { agent = "doxorubicin", offered = "5000 /vesicle" },
        { agent = "let7a_mimic", offered = "4500 /vesicle" },
      },
    },
    exo_let7a = {
      carrier  = "msc",
      diameter = "100 nm",
      surface  = { cd47 = false, peg = false },
      loading  = { method = "electroporation" },
      cargo    = { { agent = "let7a_mimic", offered = "4500 /vesicle" } },
    },
  },

  arms = {
    control      = {},                     -- the reference of tgi_pct
    free_dox     = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg",
                       every = "7 d", count = 3 } },
    exodox       = { { give = "exodox", route = "iv", dose = "2e11 particles",
                       every = "3 d", count = 5 } },
    exodox_let7a = { { give = "exodox_let7a", route = "iv", dose = "2e11 particles",
                       every = "3 d", count = 5 } },
    let7a_it     = { { give = "exo_let7a", route = "it", dose = "1e11 particles",
                       every = "3 d", count = 5 } },
  },

  solver = { rtol = 1e-6, atol = 1e-12 },
}
