-- exopk's bundled default study (`exopk simulate` with no file runs this).
--
-- The data/README.md, 'Default calibration': a 25 g nude mouse carrying a 100 mm3
-- MDA-MB-231-like tumour, 30 % of it resistant (P-gp-high) cells, treated for four
-- weeks with either free doxorubicin or MSC exosomes loaded with doxorubicin by
-- electroporation ("exodox"), against an untreated control.
--
-- A study file returns one table. Quantities are strings with units ("25 g",
-- "5 mg/kg", "2e11 particles") or plain numbers in the engine unit of the field.
-- Names refer to the library: species "mouse" is data/species/mouse.lua, tumour
-- model "mda_mb_231" is data/tumours/mda_mb_231.lua, carrier "msc" is
-- data/carriers/msc.lua, method "electroporation" is data/loading/electroporation.lua,
-- agent "doxorubicin" is data/agents/doxorubicin.lua. `exopk params` lists every
-- parameter with its value, unit, range and source.
--
-- What to expect (data/README.md, 'Default calibration', docs/model.md §10): at 5000 molecules offered per vesicle
-- electroporation associates about 914 DOX per vesicle (EE 18 %: 386 in the lumen,
-- 528 on the membrane; DLC 0.82 %), so one exodox dose of 2e11 vesicles carries only
-- about 0.30 nmol of DOX -- about 710x less than one 5 mg/kg free dose (215 nmol of
-- the hydrochloride). That is why the exodox arm barely slows the tumour here: the
-- model makes the cargo-per-vesicle limit visible. Try raising the particle dose,
-- or a pH-gradient loading method, and watch the heart AUC.
return {
  name = "MSC exosomes loaded with DOX vs free DOX, MDA-MB-231 (default study)",

  subject = {
    species = "mouse",
    weight  = "25 g",                      -- the species default (0.025 kg)
    tumour  = {
      model = "mda_mb_231",
      volume = "100 mm3",                  -- starting volume
      resistant_fraction = 0.3,            -- share of P-gp-high resistant cells at t = 0
    },
  },

  horizon      = "28 d",                   -- simulate four weeks
  output_every = "1 h",                    -- one CSV row per hour (dose times always get a row)

  formulations = {
    exodox = {
      carrier  = "msc",                    -- MSC exosome PK (data/README.md, 'Default calibration')
      diameter = "100 nm",                 -- mean vesicle diameter: sets lumen and membrane capacity
      surface  = { cd47 = false, peg = false },  -- no CD47 over-display, no PEG
      loading  = { method = "electroporation" }, -- EE0 0.2 for DOX, lumen up to 10 mM
      cargo    = { { agent = "doxorubicin", offered = "5000 /vesicle" } },  -- molecules offered per vesicle
    },
  },

  arms = {
    -- The arm called "control" is the reference of tgi_pct (tumour growth inhibition).
    control  = {},
    -- Free doxorubicin, 5 mg/kg (as the hydrochloride) IV bolus once a week, 3 doses.
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg",
                   every = "7 d", count = 3 } },
    -- Exosomal doxorubicin: 2e11 particles IV every 3 days from day 0, 5 doses.
    exodox   = { { give = "exodox", route = "iv", dose = "2e11 particles",
                   at = "0 d", every = "3 d", count = 5 } },
  },

  -- Optional: parameter overrides by path (see `exopk params`), e.g.
  --   params = { ["carrier.k_pt"] = "0.8 /h", ["doxorubicin.kp_heart"] = 10 },
  -- and solver settings (defaults shown):
  solver = { rtol = 1e-6, atol = 1e-12 },
}
