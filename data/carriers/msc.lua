-- Mesenchymal stromal/stem-cell (MSC) exosomes, unmodified, 100 nm.
-- The calibrated default carrier of DEFAULTS.md. Targets of that calibration:
-- plasma t1/2 about 7 min (k_total about 5.9 1/h, Matsumoto 2020), about 65-70 % of
-- clearance through the MPS, liver share about 0.6 of the dose, passive tumour
-- delivery about 0.7 %ID (Wilhelm 2016).
--
-- Rate constants hold for a mouse of reference_weight; the engine scales every
-- first-order rate by (BW / reference_weight)^-0.25 for other subjects, and
-- derives vmax_mps = k_mps * km_mps * Vp (particles/h) for the subject.
-- Entry format: see data/README.md.
return {
  name = "msc",
  description = "MSC-derived small EVs (exosomes), unmodified surface; mouse-calibrated defaults (DEFAULTS.md)",

  diameter = { 100, "nm", grade = "S", flag = "✔", range = { 40, 160 },
    source = "PARAMETERS.md 4.1 / Recommended defaults (EV diameter 100 nm, 40-160; MISEV-era reviews; Pharm Res 2021: 86.5 % of particles 45-195 nm)" },

  bilayer = { 5, "nm", grade = "W", flag = "✱", range = { 4, 6 },
    source = "PARAMETERS.md 4.4 / Recommended defaults (bilayer thickness about 4-5 nm, general membrane biophysics)" },

  reference_weight = { 0.025, "kg", grade = "S",
    source = "DEFAULTS.md: the carrier rate constants were calibrated for a 25 g mouse" },

  k_mps = { 4.0, "1/h", grade = "derived", range = { 0.84, 16.6 },
    source = "DEFAULTS.md carrier.vmax_mps: linear MPS uptake rate k_mps = Vmax_M/(Km_M Vp) = 4.0 1/h, about 0.68 of k_total 5.9 1/h (PARAMETERS.md Recommended defaults: k_EV 0.1 /min, Matsumoto 2020 J Extracell Vesicles 9:1696517; MPS fraction 0.7, 0.6-0.8, Takakura-group 64Cu-sEV PET and Imai 2015). Range = MPS share 0.6-0.8 x k_EV 1.4-20.8 1/h (t1/2 30-2 min, PARAMETERS.md 1.15)" },

  km_mps = { 1e15, "particles/L", grade = "assumed", range = { 1e14, 1e16 },
    source = "DEFAULTS.md, assumed: MPS saturation starts at about 1e12 particles in 1 mL of mouse plasma (MODEL.md §2: nanoparticle doses above about 1e12 particles raise tumour delivery); with 2e11 per dose C_P0 = 0.2 Km. No EV-specific saturation constant was found" },

  k_cl = { 1.0, "1/h", grade = "assumed", range = { 0.3, 3 },
    source = "DEFAULTS.md, assumed: elimination by non-MPS tissues (lung and other endothelia; 100 nm vesicles are not filtered by the kidney), about 17 % of initial clearance, so that k_total is about 6.75 1/h at low dose with the electroporation MPS multiplier (t1/2 about 6.2 min)" },

  k_pt = { 0.9, "1/h", grade = "assumed", range = { 0.3, 3 },
    source = "DEFAULTS.md, assumed: distribution to peripheral tissue (lung 7 %ID at 4 h, Morishita 2015 J Pharm Sci 104:705, plus other tissues)" },

  k_tp = { 0.1, "1/h", grade = "assumed", range = { 0.05, 0.3 },
    source = "DEFAULTS.md, assumed: slow return from tissue; gives a small beta phase (t1/2 about 5 h); PARAMETERS.md Recommended defaults: weak 2-cmt EV t1/2beta 2.5-13 h (Kim 2019 Pharmaceutics 11:649 Table 1, label artefacts), range = ln2 / (13 ... 2.5 h)" },

  k_deg_t = { 0.05, "1/h", grade = "assumed", range = { 0.01, 0.2 },
    source = "DEFAULTS.md, assumed: vesicle degradation in peripheral tissue (no measured value)" },

  k_deg_m = { 0.2, "1/h", grade = "assumed", range = { 0.05, 1 },
    source = "DEFAULTS.md, assumed: lysosomal degradation in MPS macrophages, t1/2 about 3.5 h (no measured value)" },

  ps_tum = { 0.5, "1/h", grade = "derived", range = { 0.25, 2.1 },
    source = "DEFAULTS.md, derived: PS_tum (L/h per L tumour) such that PS V_tum/Vp / k_total gives about 0.7 %ID for a 100 mm3 tumour (Wilhelm 2016 Nat Rev Mater 1:16014 median 0.7 %ID, PARAMETERS.md 3.1 ✔); range scaled to 0.35-3 %ID (Cheng 2020 ACS Nano 14:3075 168 h median 0.35 %ID; PARAMETERS.md tumour delivery range)" },

  k_ip = { 0.02, "1/h", grade = "assumed", range = { 0.005, 0.1 },
    source = "DEFAULTS.md, assumed: washout from the tumour interstitium back to plasma (no EV value; tumour lymphatics are poor)" },

  k_int = { 0.05, "1/h", grade = "assumed", range = { 0.01, 0.2 },
    source = "DEFAULTS.md, assumed: tumour-cell uptake of vesicles over about a day (EVs reach the tumour within 1 h, Lai 2014 ACS Nano 8:483, PARAMETERS.md 2.5)" },

  k_proc = { 0.5, "1/h", grade = "M", flag = "✔", range = { 0.1, 2 },
    source = "PARAMETERS.md 8.4: Bartlett & Davis 2006 Nucleic Acids Res 34:322 Table 2, endosomal degradation 0.5 1/h (siRNA complexes, used for vesicles); DEFAULTS.md carrier.k_proc. Range assumed for sensitivity" },

  g_tgt = { 0, "1", grade = "derived", range = { 0, 2 },
    source = "no targeting ligand on unmodified MSC exosomes, so the gain is 0 (DEFAULTS.md carrier.g_tgt; MODEL.md §2). With a ligand whose receptor the tumour lists: PARAMETERS.md Recommended defaults targeting multiplier 2 (1-3, W; Tian 2014, Ohno 2013, Liu 2023) => g_tgt = multiplier - 1 = 0-2" },

  k_a_ip = { 0.5, "1/h", grade = "assumed", range = { 0.05, 2 },
    source = "assumed (MODEL.md §2: ip absorption constants are grade W/assumed until sourced): absorption of vesicles from the peritoneum into plasma, mostly through lymphatic drainage, t1/2 about 1.4 h; PARAMETERS.md has no value (only that the route changes biodistribution, Wiklander 2015 J Extracell Vesicles 4:26316)" },

  particles_per_ug_protein = { 1e10, "particles/ug", grade = "M", flag = "◐", range = { 1e9, 3e10 },
    source = "PARAMETERS.md 4.6 / Recommended defaults: Webber & Clayton 2013 J Extracell Vesicles 2:19861, typical 1e9-1e10, high purity > about 3e10 particles/ug (cut-offs ◐/✱). Loading report only (DLC %)" },

  -- Optional surface multipliers (default 1 when absent; MODEL.md §9.15).
  cd47_mps_multiplier = { 0.6, "1", grade = "derived", flag = "✔", range = { 0.1, 1 },
    source = "derived from PARAMETERS.md Recommended defaults 'CD47/PEG circulation extension 1.4x on AUC (1-3, W)', based on 1.377-fold higher plasma level at 3 h of CD47-high ADMSC exosomes (rat, ip; Front Bioeng Biotechnol 2022;10:936951, PARAMETERS.md 1.12 ✔) and Kamerkar 2017 Nature 546:498 (qualitative). AUC ~ 1/k_total: with k_total = k_mps m + k_cl + k_pt + EPR (4.0 m + 1.95 1/h, or 4.8 m + 1.95 after electroporation), AUC x1.4 needs m = 0.58-0.60 => 0.6. AUC x3 would need m of about 0.01-0.1 (lower end of range)" },

  peg_mps_multiplier = { 0.6, "1", grade = "derived", flag = "✱", range = { 0.1, 1 },
    source = "derived as cd47_mps_multiplier from the same PARAMETERS.md row (CD47/PEG circulation extension 1.4x on AUC, W); PEG-EVs circulate longer than unmodified EVs (Kooijmans 2016 J Control Release 224:77, PARAMETERS.md 2.11, recalled: still detectable at 60 min vs 10 min; ✱)" },

  peg_uptake_multiplier = { 0.5, "1", grade = "assumed", range = { 0.2, 1 },
    source = "assumed: PEG shields the surface and lowers tumour-cell uptake (MODEL.md §2 'PEG also lowers k_int'); PARAMETERS.md has no value. 0.5 halves k_int" },
}
