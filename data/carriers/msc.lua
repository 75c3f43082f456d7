-- Mesenchymal stromal/stem-cell (MSC) exosomes, unmodified, 100 nm.
-- The calibrated default carrier (data/README.md, 'Default calibration'). Targets:
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
  description = "MSC-derived small EVs (exosomes), unmodified surface; mouse-calibrated defaults",

  diameter = { 100, "nm", grade = "S", flag = "✔", range = { 40, 160 },
    source = "EV diameter 100 nm (range 40-160): exosome sizes of 30-150 nm, mode about 100 nm, in MISEV-era reviews (e.g. Gangadaran P et al. 2017, BioMed Res Int 2017:9158319, doi 10.1155/2017/9158319); 86.5 % of particles 45-195 nm in a rat sEV PK study (Pharm Res 2021, doi 10.1007/s11095-021-03102-z,: PMID 34671921)" },

  bilayer = { 5, "nm", grade = "W", flag = "✱", range = { 4, 6 },
    source = "bilayer thickness about 4-5 nm (general membrane biophysics, not checked against a primary source)" },

  reference_weight = { 0.025, "kg", grade = "S",
    source = "the carrier rate constants were calibrated for a 25 g mouse (data/README.md, 'Default calibration')" },

  k_mps = { 4.0, "1/h", grade = "derived", range = { 0.84, 16.6 },
    source = "derived (data/README.md, 'Default calibration'): linear MPS uptake rate k_mps = Vmax_M/(Km_M Vp) = 4.0 1/h, about 0.68 of k_total 5.9 1/h (plasma sEV t1/2 about 7 min, Matsumoto A et al. 2020, J Extracell Vesicles 9:1696517, doi 10.1080/20013078.2019.1696517); MPS share of clearance 0.7 (0.6-0.8) from a 64Cu-labelled sEV PET study of the Takakura group (about 2021; 67 % liver, 76 % spleen macrophage-dependent; journal not confirmed) and Imai T et al. 2015, J Extracell Vesicles 4:26238 (via Kim DH et al. 2019, Pharmaceutics 11:649, PMID 31817039). Range = MPS share 0.6-0.8 x k_EV 1.4-20.8 1/h (t1/2 30-2 min)" },

  km_mps = { 1e15, "particles/L", grade = "assumed", range = { 1e14, 1e16 },
    source = "assumed: MPS saturation starts at about 1e12 particles in 1 mL of mouse plasma (docs/model.md §2: nanoparticle doses above about 1e12 particles raise tumour delivery); with 2e11 per dose C_P0 = 0.2 Km. No EV-specific saturation constant was found" },

  k_cl = { 1.0, "1/h", grade = "assumed", range = { 0.3, 3 },
    source = "assumed: elimination by non-MPS tissues (lung and other endothelia; 100 nm vesicles are not filtered by the kidney), about 17 % of initial clearance, so that k_total is about 6.75 1/h at low dose with the electroporation MPS multiplier (t1/2 about 6.2 min)" },

  k_pt = { 0.9, "1/h", grade = "assumed", range = { 0.3, 3 },
    source = "assumed: distribution to peripheral tissue (organs other than liver, spleen and lungs: the lungs' 7 %ID at 4 h, Morishita M et al. 2015, J Pharm Sci 104:705-713, is a share of the MPS compartment in the organ outputs, docs/model.md 'Organs'); T holds about 8 %ID at 4 h" },

  k_tp = { 0.1, "1/h", grade = "assumed", range = { 0.05, 0.3 },
    source = "assumed: slow return from tissue; gives a small beta phase (t1/2 about 5 h); weak two-compartment EV t1/2beta 2.5-13 h (dye/radiolabel studies tabulated in Kim DH et al. 2019, Pharmaceutics 11:649, PMID 31817039, Table 1; label artefacts), range = ln2 / (13 ... 2.5 h)" },

  k_deg_t = { 0.05, "1/h", grade = "assumed", range = { 0.01, 0.2 },
    source = "assumed: vesicle degradation in peripheral tissue (no measured value)" },

  k_deg_m = { 0.2, "1/h", grade = "assumed", range = { 0.05, 1 },
    source = "assumed: lysosomal degradation in MPS macrophages, t1/2 about 3.5 h (no measured value)" },

  ps_tum = { 0.5, "1/h", grade = "derived", range = { 0.25, 2.1 },
    source = "derived (data/README.md, 'Default calibration'): PS_tum (L/h per L tumour) such that PS V_tum/Vp / k_total gives about 0.7 %ID for a 100 mm3 tumour (Wilhelm S et al. 2016, Nat Rev Mater 1:16014, doi 10.1038/natrevmats.2016.14: median 0.7 %ID); range scaled to 0.35-3 %ID (Cheng YH et al. 2020, ACS Nano 14:3075-3095, PMID 32078303: median 0.35 %ID at 168 h)" },

  k_ip = { 0.02, "1/h", grade = "assumed", range = { 0.005, 0.1 },
    source = "assumed: washout from the tumour interstitium back to plasma (no EV value; tumour lymphatics are poor)" },

  k_int = { 0.05, "1/h", grade = "assumed", range = { 0.01, 0.2 },
    source = "assumed: tumour-cell uptake of vesicles over about a day (EVs reach the tumour within 1 h, Lai CP et al. 2014, ACS Nano 8:483-494)" },

  k_proc = { 0.5, "1/h", grade = "M", flag = "✔", range = { 0.1, 2 },
    source = "Bartlett DW, Davis ME 2006, Nucleic Acids Res 34:322-333, doi 10.1093/nar/gkj439,: Table 2: endosomal degradation 0.5 1/h (siRNA complexes, used for vesicles). Range assumed for sensitivity" },

  g_tgt = { 0, "1", grade = "derived", range = { 0, 2 },
    source = "no targeting ligand on unmodified MSC exosomes, so the gain is 0 (docs/model.md §2). With a ligand whose receptor the tumour lists: targeting multiplier 2 (1-3, W), from qualitative gains only (Tian Y et al. 2014, Biomaterials 35:2383-2390, doi 10.1016/j.biomaterials.2013.11.083; Ohno S et al. 2013, Mol Ther 21:185-191, doi 10.1038/mt.2012.180; Liu et al. 2023, Int J Biol Macromol, CL4-modified exosomes with DARS-AS1 siRNA) => g_tgt = multiplier - 1 = 0-2" },

  k_a_ip = { 0.5, "1/h", grade = "assumed", range = { 0.05, 2 },
    source = "assumed (docs/model.md §2: ip absorption constants are grade W/assumed until sourced): absorption of vesicles from the peritoneum into plasma, mostly through lymphatic drainage, t1/2 about 1.4 h; no published value (only that the route changes biodistribution, Wiklander OPB et al. 2015, J Extracell Vesicles 4:26316)" },

  particles_per_ug_protein = { 1e10, "particles/ug", grade = "M", flag = "◐", range = { 1e9, 3e10 },
    source = "Webber J, Clayton A 2013, J Extracell Vesicles 2:19861: typical 1e9-1e10, high purity > about 3e10 particles/ug (cut-offs via a secondary reading, ◐/✱). Used for DLC in the loading report, measured loads per protein (loaded = \"ng/ug protein\", dlc) and doses in ug of vesicle protein (docs/study-files.md)" },

  -- Optional surface multipliers (default 1 when absent; docs/model.md §9.15).
  cd47_mps_multiplier = { 0.6, "1", grade = "derived", flag = "✔", range = { 0.1, 1 },
    source = "derived: circulation extension by CD47/PEG 1.4x on AUC (1-3, W), based on a 1.377-fold higher plasma level at 3 h of CD47-high ADMSC exosomes (rat, ip; Front Bioeng Biotechnol 2022;10:936951, PMC9279928) and Kamerkar S et al. 2017, Nature 546:498-503, doi 10.1038/nature22341 (qualitative). AUC ~ 1/k_total: with k_total = k_mps m + k_cl + k_pt + EPR (4.0 m + 1.95 1/h, or 4.8 m + 1.95 after electroporation), AUC x1.4 needs m = 0.58-0.60 => 0.6. AUC x3 would need m of about 0.01-0.1 (lower end of range)" },

  peg_mps_multiplier = { 0.6, "1", grade = "derived", flag = "✱", range = { 0.1, 1 },
    source = "derived as cd47_mps_multiplier (circulation extension 1.4x on AUC, W); PEG-EVs circulate longer than unmodified EVs (Kooijmans SAA et al. 2016, J Control Release 224:77-85; recalled, not checked: still detectable at 60 min vs 10 min; ✱)" },

  peg_uptake_multiplier = { 0.5, "1", grade = "assumed", range = { 0.2, 1 },
    source = "assumed: PEG shields the surface and lowers tumour-cell uptake (docs/model.md §2 'PEG also lowers k_int'); no published value. 0.5 halves k_int" },

  -- Organ outputs (docs/model.md "Organs"): shares of the MPS compartment and of
  -- the peripheral tissue; each group must sum to 1. No organ kinetics of its own.
  liver_share_of_mps = { 0.765, "1", grade = "M", flag = "✔", range = { 0.6, 0.85 },
    source = "Morishita M et al. 2015, J Pharm Sci 104:705-713 (125I-labelled B16BL6 exosomes iv in mice, gamma counting): at 4 h liver 28, lungs 7, spleen 1.6 %ID per organ (abstract); liver share of the three = 28/36.6 = 0.765. Range: dose, producer cell and route change the shares (Wiklander OPB et al. 2015, J Extracell Vesicles 4:26316, doi 10.3402/jev.v4.26316: higher doses give a smaller liver share)" },

  spleen_share_of_mps = { 0.044, "1", grade = "M", flag = "✔", range = { 0.03, 0.2 },
    source = "Morishita M et al. 2015, J Pharm Sci 104:705-713: spleen 1.6 of 36.6 %ID (liver + lungs + spleen) at 4 h = 0.044. Range up to 0.2: optical reporters show spleen signal above liver (Lai CP et al. 2014, ACS Nano 8:483-494), so the radiolabel value is the low end" },

  lungs_share_of_mps = { 0.191, "1", grade = "M", flag = "✔", range = { 0.1, 0.3 },
    source = "Morishita M et al. 2015, J Pharm Sci 104:705-713: lungs 7 of 36.6 %ID at 4 h = 0.191. Lung uptake is counted with the MPS compartment (phagocytes of the lung vasculature); range assumed for sensitivity" },

  kidneys_share_of_tissue = { 0.019, "1", grade = "assumed", range = { 0.005, 0.1 },
    source = "assumed: kidneys take vesicles from the peripheral tissue pool in proportion to their mass (no preference: 100 nm vesicles are not filtered; the early kidney signal of labelled EVs is probably freed label, Kang M et al. 2021, J Extracell Vesicles, PMID 34194679). Mouse kidneys 1.67 % of body weight over the body less liver, spleen, lungs, heart and plasma (1.67 + 87.26 %; Brown RP et al. 1997, Toxicol Ind Health 13:407-484) = 0.019. Range up to 0.1: a share by blood flow (kidneys 9.1 % of cardiac output, Brown 1997) would be larger" },

  rest_share_of_tissue = { 0.981, "1", grade = "derived", range = { 0.9, 0.995 },
    source = "derived: 1 - kidneys_share_of_tissue (the tissue shares sum to 1)" },
}
