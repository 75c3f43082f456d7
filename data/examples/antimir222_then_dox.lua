-- Example study: prime with exosomal anti-miR-222, then give doxorubicin.
--
-- The idea (docs/model.md, 'Biology'): exosomes from docetaxel/adriamycin-resistant MCF-7 cells carry
-- miR-222 and transmit resistance to sensitive cells (Chen 2014; Wei 2014). An LNA
-- anti-miR-222 delivered by MSC exosomes should (1) lower the resistant cells' extra
-- EC50 shift (rho) and (2) slow the exosome-mediated S->R transfer (tau), so DOX given
-- afterwards kills more and resistance spreads less. data/agents/antimir_222.lua:
-- miR-222 carries 20 % of (rho - 1) and 30 % of tau (assumed shares, with ranges).
--
-- Tumour: MCF-7/ADR (data/tumours/mcf7_adr.lua), the line family in which miR-222
-- transfer was described.
--
-- Arms:
--   control                   untreated (reference of tgi_pct)
--   free_dox                  DOX 5 mg/kg iv weekly x 3, starting day 2
--   antimir_then_free_dox     anti-miR-222 exosomes weekly x 3 from day 0, DOX as above
--                             (each DOX dose 2 d after an anti-miR dose)
--   exodox                    DOX exosomes (the default study's formulation), from day 2
--   antimir_then_exodox       anti-miR-222 exosomes, then DOX exosomes
-- A dosing line starts at `at`, repeats `every` for `count` doses; an arm may have
-- several lines (docs/outputs.md).
--
-- Doses and why: DOX 5 mg/kg weekly and 2e11 vesicles per exosome dose as in the
-- default study . Anti-miR: 2000 offered per vesicle by
-- electroporation (ee0 0.05 => ~100 associated, mostly surface-bound). Two days between
-- anti-miR and DOX: de-repression starts within ~24 h (Elmen 2008).
--
-- What to expect, by hand: ~10 vesicles reach each tumour cell per dose, so ~1,000
-- anti-miR in endosomes and at most ~15 in the cytosol (f_esc 0.015; the run, after
-- surface loss and endosomal degradation, gives a peak of 2.4 per cell: metric
-- antimir_222.cytosolic_copies_per_cell_max), against ~1,000 miR-222 copies per cell. antimir_222.lua's calibration shows that de-repression needs a
-- several-fold molar excess of anti-miR over the miRNA (3x: ~4 d; 30x: ~16 d), so
-- expect only a small, brief drop in miR-222 activity and DOX arms that hardly differ
-- with and without priming -- the delivery limit again. Try the pH-gradient method
-- (hundreds of oligos in the lumen), more vesicles, or
-- params = { ["antimir_222.mirna_copies"] = 200 } (a low-abundance miRNA) and watch
-- the miRNA activity output, the resistant fraction and tgi_pct.
return {
  name = "Exosomal anti-miR-222 priming before DOX (free or exosomal), MCF-7/ADR",

  subject = {
    species = "mouse",
    weight  = "25 g",
    tumour  = { model = "mcf7_adr", volume = "100 mm3", resistant_fraction = 0.9 },
  },

  horizon      = "28 d",
  output_every = "1 h",

  formulations = {
    exo_antimir222 = {
      carrier  = "msc",
      diameter = "100 nm",
      surface  = { cd47 = false, peg = false },
      loading  = { method = "electroporation" },   -- LNA anti-miR by electroporation (Naseri 2018)
      cargo    = { { agent = "antimir_222", offered = "2000 /vesicle" } },
    },
    exodox = {
      carrier  = "msc",
      diameter = "100 nm",
      surface  = { cd47 = false, peg = false },
      loading  = { method = "electroporation" },
      cargo    = { { agent = "doxorubicin", offered = "5000 /vesicle" } },
    },
  },

  arms = {
    control = {},

    free_dox = {
      { give = "doxorubicin", route = "iv", dose = "5 mg/kg", at = "2 d", every = "7 d", count = 3 },
    },

    antimir_then_free_dox = {
      { give = "exo_antimir222", route = "iv", dose = "2e11 particles", at = "0 d", every = "7 d", count = 3 },
      { give = "doxorubicin",    route = "iv", dose = "5 mg/kg",        at = "2 d", every = "7 d", count = 3 },
    },

    exodox = {
      { give = "exodox", route = "iv", dose = "2e11 particles", at = "2 d", every = "3 d", count = 5 },
    },

    antimir_then_exodox = {
      { give = "exo_antimir222", route = "iv", dose = "2e11 particles", at = "0 d", every = "7 d", count = 3 },
      { give = "exodox",         route = "iv", dose = "2e11 particles", at = "2 d", every = "3 d", count = 5 },
    },
  },

  solver = { rtol = 1e-6, atol = 1e-12 },
}
