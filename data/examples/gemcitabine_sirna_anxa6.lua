-- Example study: gemcitabine with exosomal siRNA against ANXA6 in a TNBC xenograft.
--
-- The idea (docs/model.md, 'Biology'): gemcitabine-resistant TNBC cells export
-- annexin A6 in exosomes; ANXA6 binds EGFR and blocks its ubiquitination and
-- degradation, which makes cells resistant to gemcitabine; knocking ANXA6 down restored
-- sensitivity (PMC8266800). In the model sirna_anxa6 (acts_on = "resistance", share
-- 0.5) shrinks the resistant cells' extra EC50 shift rho - 1 as the ANXA6 protein falls.
--
-- Tumour: MDA-MB-231 (data/tumours/mda_mb_231.lua), triple-negative, 30 % resistant
-- cells. For gemcitabine, which P-gp does not pump, those cells are resistant through
-- rho alone (2-fold): the room for a rho-acting siRNA is small by construction -- a
-- tumour file for a gemcitabine-selected line (higher rho) would show more.
--
-- Arms: control; gemcitabine alone; exosomal siRNA-ANXA6 alone (it should do nothing
-- by itself: it changes resistance, not growth); gemcitabine + siRNA-ANXA6 exosomes.
--
-- Doses and why:
--   gemcitabine 50 mg/kg ip twice weekly (every 3.5 d) for 4 weeks: mouse xenograft
--     studies commonly give 50-100 mg/kg ip once or twice a week (background knowledge,
--     not checked against a specific MDA-MB-231 paper here). For scale, the human dose
--     of 1,000-1,250 mg/m2 (label) is ~330-420 mg/kg in a mouse by body surface (Km 3),
--     so 50 mg/kg = 150 mg/m2 per dose. Doses are of the hydrochloride (mw_dosed 299.66);
--   siRNA exosomes 2e11 vesicles iv with each gemcitabine dose, one day earlier (the
--     protein needs 2-3 days to fall: ANXA6 turnover is taken as the generic 46 h);
--     4500 siRNA offered per vesicle by electroporation (a 1:1 siRNA:EV-protein mass
--     ratio, as in examples/sirna_abcb1_dox.lua).
--
-- Mouse gemcitabine PK. agents/gemcitabine.lua holds the human model (Jiang 2008),
-- which allometric scaling turns into a 25 g mouse clearing 0.36 L/h -- 5x faster than
-- measured. `params` below puts in the measured mouse values (iv 20 mg/kg free base;
-- Biochem Pharmacol 2020;180:114127, PMC7606647, Table 3): CL 2.8 mL/h/g x 25 g = 0.07
-- L/h; Vss 1.4 mL/g = 35 mL, split equally between v1 and v2 as in the human model;
-- q2 0.025 L/h chosen so that the terminal half-life is the measured 42.5 min
-- (two-compartment algebra; the tiny third compartment does not matter).
--
-- What to expect, by hand: as in the other RNA examples, ~10 vesicles per tumour cell
-- per dose bring only a few siRNA into the cytosol (the run: a peak of 7.4 per cell
-- alone and 9.5 with gemcitabine, metric sirna_anxa6.cytosolic_copies_per_cell_max)
-- -- little ANXA6 knockdown, so the
-- combination arm will be close to gemcitabine alone. Useful to explore: share
-- (["sirna_anxa6.share"] = 0.9), a more resistant tumour (["gemcitabine.rho"] = 10), or
-- more cytosolic siRNA (f_esc, a pH-gradient loading); watch the target protein, the
-- resistant fraction, tgi_pct and biomarker_plasma (resistant cells shed twice the
-- marker-positive vesicles, tumours/mda_mb_231.lua).
return {
  name = "Gemcitabine +/- exosomal siRNA-ANXA6, MDA-MB-231 (TNBC)",

  subject = {
    species = "mouse",
    weight  = "25 g",
    tumour  = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 },
  },

  horizon      = "28 d",
  output_every = "1 h",

  formulations = {
    exo_sianxa6 = {
      carrier  = "msc",
      diameter = "100 nm",
      surface  = { cd47 = false, peg = false },
      loading  = { method = "electroporation" },
      cargo    = { { agent = "sirna_anxa6", offered = "4500 /vesicle" } },
    },
  },

  arms = {
    control = {},

    gem = {
      { give = "gemcitabine", route = "ip", dose = "50 mg/kg", at = "1 d", every = "3.5 d", count = 8 },
    },

    exo_sianxa6 = {
      { give = "exo_sianxa6", route = "iv", dose = "2e11 particles", at = "0 d", every = "3.5 d", count = 8 },
    },

    gem_exo_sianxa6 = {
      { give = "exo_sianxa6", route = "iv", dose = "2e11 particles", at = "0 d", every = "3.5 d", count = 8 },
      { give = "gemcitabine", route = "ip", dose = "50 mg/kg",       at = "1 d", every = "3.5 d", count = 8 },
    },
  },

  -- Measured mouse gemcitabine PK instead of the allometrically scaled human model
  -- (values for this study's 25 g subject; see the header).
  params = {
    ["gemcitabine.cl"] = "0.07 L/h",
    ["gemcitabine.v1"] = "17.5 mL",
    ["gemcitabine.v2"] = "17.5 mL",
    ["gemcitabine.q2"] = "0.025 L/h",
  },

  solver = { rtol = 1e-6, atol = 1e-12 },
}
