-- Validation anchors: siRNA loading EE by the pH-gradient method at three siRNA
-- amounts.
--
-- Published: Jeyaram A et al. 2020, Mol Ther (pH-gradient modified EVs),
-- PMC7054713, Table 1 (read, ✔): 10 ug of pH-gradient EVs loaded
--   1,000 pmol siRNA in the buffer -> 65 pmol loaded, EE 6.5 %
--     720 pmol                      -> 41 pmol,        5.6 %
--     543 pmol                      -> 32 pmol,        5.8 %
--     420 pmol                      -> 23 pmol,        5.4 %
--     280 pmol                      ->  7 pmol,        3.2 %
--     198 pmol                      -> about 0
-- (fluorescence; each row loads fresh EVs with the filtrate of the row above;
-- n = 3 experiments, no SDs in the table).
--
-- Anchors: EE at 1,000 pmol (6.5 %), 420 pmol (5.4 %) and 280 pmol (3.2 %) per
-- 10 ug EVs. Ranges (assumed, no SDs given): 5-8 % at 1,000 pmol (the 5.4-6.5 %
-- spread of the 420-1,000 pmol rows, widened a little); 4-7.2 % at 420 pmol and
-- 2.4-4 % at 280 pmol (the value within a factor 1.33).
--
-- What the anchors test. The library's ph_gradient siRNA EE0 (0.065) and lumen
-- capacity (1 mM) were taken from the 1,000 pmol row, so that anchor checks that
-- the capacity model (a = cap_tot (1 - exp(-EE0 u / cap_tot)), docs/model.md
-- §1) keeps the EE at Jeyaram's high input; 420 pmol checks the plateau
-- (5.4-6.5 % over 420-1,000 pmol). At 280 pmol it is a known miss: the
-- model's EE only rises toward EE0 as the input falls (less saturation), while
-- Jeyaram's fell to 3.2 % and to about 0 at 198 pmol -- a threshold or a
-- competing binding step the loading model lacks (or siRNA lost in re-used
-- filtrate, which a single loading in the model cannot represent).
--
-- Amounts as w/w of siRNA to EV protein (docs/study-files.md, "w/w loading"),
-- siRNA 13,300 g/mol (data/agents/sirna_abcb1.lua stands in for Jeyaram's
-- siRNA, same class): 1,000 pmol x 13,300 g/mol = 13.3 ug per 10 ug EVs =
-- 1.33 mg/mg; 420 pmol = 5.586 ug per 10 ug = 0.5586 mg/mg; 280 pmol =
-- 3.724 ug per 10 ug = 0.3724 mg/mg. With the MSC carrier's 1e10 particles
-- per ug these are about 6,000, 2,500 and 1,700 siRNA offered per vesicle.
local function exo(offered)
  return {
    carrier  = "msc",
    diameter = "100 nm",
    loading  = { method = "ph_gradient" },
    cargo    = { { agent = "sirna_abcb1", offered = offered } },
  }
end

return {
  name = "Validation: siRNA loading EE by pH gradient, 1,000 / 420 / 280 pmol per 10 ug EVs",
  subject      = { species = "mouse", weight = "25 g" },   -- no tumour
  horizon      = "1 h",
  output_every = "0.5 h",
  formulations = {
    sirna_1000pmol = exo("1.33 mg/mg"),
    sirna_420pmol  = exo("0.5586 mg/mg"),
    sirna_280pmol  = exo("0.3724 mg/mg"),
  },
  arms = {
    load_1000pmol = { { give = "sirna_1000pmol", route = "iv", dose = "1e9 particles" } },
    load_420pmol  = { { give = "sirna_420pmol", route = "iv", dose = "1e9 particles" } },
    load_280pmol  = { { give = "sirna_280pmol", route = "iv", dose = "1e9 particles" } },
  },
}
