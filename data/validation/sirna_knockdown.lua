-- Validation anchor: duration of siRNA knockdown in a dividing tumour.
--
-- Published: a single effective siRNA dose silences its target in
-- subcutaneous tumours for about 10 days, recovering within 1-2 weeks as
-- dividing cells dilute the siRNA (Bartlett & Davis 2006, Nucleic Acids Res
-- 34:322; and the "Knockdown duration, dividing tumour"
-- default: 7-10 d, range 5-14 d).  `exopk validate` checks
-- sirna_abcb1.knockdown_duration (time with the target protein below 50 %
-- of baseline, averaged over viable cells) against 5-14 d.
--
-- "Effective dose": enough siRNA to reach a few thousand copies per cell in
-- the cytosol (the calibration of data/agents/sirna_abcb1.lua).  Exosomes
-- injected into the tumour deliver that: 5e11 electroporated vesicles of
-- about 220 siRNA each, of which about 1.5 % escape the endosomes.  The
-- target here (P-gp) does not change growth, so the tumour keeps dividing
-- as untreated MDA-MB-231 does (0.1 /d).
return {
  name = "Validation: siRNA knockdown duration after one intratumoral exosome dose",
  subject = {
    species = "mouse",
    weight  = "25 g",
    tumour  = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 },
  },
  horizon      = "21 d",
  output_every = "1 h",
  formulations = {
    exo_sirna = {
      carrier  = "msc",
      diameter = "100 nm",
      loading  = { method = "electroporation" },
      cargo    = { { agent = "sirna_abcb1", offered = "4500 /vesicle" } },
    },
  },
  arms = {
    exo_sirna = { { give = "exo_sirna", route = "it", dose = "5e11 particles" } },
  },
}
