-- Bovine milk small EVs ("milk exosomes").
--
-- What differs from msc.lua, and why:
--   diameter                 120 nm  (Somiya 2018; Agrawal 2017: about 108 nm)   sourced
--   particles_per_ug_protein 3e9     (casein co-isolates with milk EVs)          assumed
-- Everything else is the MSC kinetics, kept on purpose: a search of
-- PubMed/PMC pages found no intravenous PK (half-life, %ID per organ) for bovine
-- milk EVs -- the published in-vivo work is oral (bioavailability about 45 %,
-- plasma peak at about 6 h after gavage; Int J Pharm 2023;639:122974) -- and the
-- qualitative facts found agree with the MSC set: milk EVs are readily taken up by
-- macrophages (Somiya 2018, RAW264.7) and "rapid elimination through internalization
-- by macrophages" limits their use (Zempleni-group mini review, Extracell Vesicles
-- Circ Nucleic Acids 2023;4:339). The source strings say "as msc" for these.
-- Oral dosing is not a route of exopk (iv, it, ip only).
-- Entry format: see data/README.md.
local AS_MSC = "as msc.lua: no intravenous PK value for bovine milk EVs was found; milk EVs are cleared by macrophages like other sEVs (Somiya 2018 J Extracell Vesicles 7:1440132: readily taken up by RAW264.7 macrophages; Extracell Vesicles Circ Nucleic Acids 2023;4:339 review: rapid elimination by macrophage internalisation). "

return {
  name = "milk",
  description = "Bovine milk-derived small EVs (acid/ultracentrifugation isolates); MSC kinetics except where noted",

  diameter = { 120, "nm", grade = "M", flag = "✔", range = { 100, 150 },
    source = "Somiya M et al. 2018, J Extracell Vesicles 7:1440132 (abstract read via PMC5827637): acid-treatment + ultracentrifugation milk EVs are spherical, about 120 nm; Agrawal AK et al. 2017, Nanomedicine 13:1627 (abstract read): paclitaxel-loaded milk exosomes about 108 nm. Differs from msc (100 nm)" },

  bilayer = { 5, "nm", grade = "W", flag = "✱", range = { 4, 6 },
    source = "as msc.lua: bilayer about 4-5 nm (general membrane biophysics)" },

  reference_weight = { 0.025, "kg", grade = "S",
    source = "as msc.lua: rate constants set for a 25 g mouse" },

  k_mps = { 4.0, "1/h", grade = "derived", range = { 0.84, 16.6 },
    source = AS_MSC .. "0.68 x 5.9 1/h (data/README.md, 'Default calibration')" },

  km_mps = { 1e15, "particles/L", grade = "assumed", range = { 1e14, 1e16 },
    source = AS_MSC .. "Assumed: saturation from about 1e12 particles per mL of mouse plasma. Milk-EV uptake by cells is saturable (Michaelis-Menten, same review) but no in-vivo constant was found" },

  k_cl = { 1.0, "1/h", grade = "assumed", range = { 0.3, 3 },
    source = AS_MSC .. "Assumed: non-MPS elimination" },

  k_pt = { 0.9, "1/h", grade = "assumed", range = { 0.3, 3 },
    source = AS_MSC .. "Assumed: distribution to peripheral tissue" },

  k_tp = { 0.1, "1/h", grade = "assumed", range = { 0.05, 0.3 },
    source = AS_MSC .. "Assumed: slow return from tissue" },

  k_deg_t = { 0.05, "1/h", grade = "assumed", range = { 0.01, 0.2 },
    source = AS_MSC .. "Assumed" },

  k_deg_m = { 0.2, "1/h", grade = "assumed", range = { 0.05, 1 },
    source = AS_MSC .. "Assumed: lysosomal degradation in macrophages (the review names lysosomal degradation as a limit)" },

  ps_tum = { 0.5, "1/h", grade = "derived", range = { 0.25, 2.1 },
    source = AS_MSC .. "derivation for 0.7 %ID (Wilhelm S et al. 2016, Nat Rev Mater 1:16014, doi 10.1038/natrevmats.2016.14; data/README.md, 'Default calibration'). Milk-EV tumour accumulation after iv dosing was not quantified in what was found (Munagala R et al. 2016, Cancer Lett 371:48: efficacy against lung xenografts, folate ligand improved targeting)" },

  k_ip = { 0.02, "1/h", grade = "assumed", range = { 0.005, 0.1 },
    source = AS_MSC .. "Assumed" },

  k_int = { 0.05, "1/h", grade = "assumed", range = { 0.01, 0.2 },
    source = AS_MSC .. "Assumed" },

  k_proc = { 0.5, "1/h", grade = "M", flag = "✔", range = { 0.1, 2 },
    source = "as msc.lua: Bartlett DW, Davis ME 2006, Nucleic Acids Res 34:322-333, doi 10.1093/nar/gkj439,: Table 2: endosomal degradation 0.5 1/h" },

  g_tgt = { 0, "1", grade = "derived", range = { 0, 2 },
    source = "no targeting ligand (unmodified milk EVs): gain 0; as msc.lua" },

  k_a_ip = { 0.5, "1/h", grade = "assumed", range = { 0.05, 2 },
    source = "as msc.lua, assumed (docs/model.md §2: ip absorption constants are W/assumed until sourced)" },

  particles_per_ug_protein = { 3e9, "particles/ug", grade = "assumed", range = { 1e9, 1e10 },
    source = "assumed, differs from msc (1e10): milk EV isolates carry co-isolated casein and other milk protein, so fewer particles per ug protein -- Somiya M et al. 2018 (J Extracell Vesicles 7:1440132) developed acid treatment to remove casein and obtain purer mEVs; the SEAL study of milk EVs (2021, PMC8558234) found > 85 % of casein-positive particles carried no DOX. Range = the lower half of the typical 1e9-1e10 of Webber J, Clayton A 2013, J Extracell Vesicles 2:19861. Used for DLC in the loading report, measured loads per protein and doses in ug of vesicle protein (docs/study-files.md)" },

  -- Organ outputs (docs/model.md "Organs"): no intravenous organ %ID was found for
  -- milk EVs (see the header), so the shares are the MSC set, borrowed.
  liver_share_of_mps = { 0.765, "1", grade = "assumed", range = { 0.6, 0.85 },
    source = "assumed: borrowed from B16BL6 exosomes (Morishita M et al. 2015, J Pharm Sci 104:705-713: liver 28 of 36.6 %ID in liver + lungs + spleen at 4 h); no iv organ distribution of bovine milk EVs was found" },

  spleen_share_of_mps = { 0.044, "1", grade = "assumed", range = { 0.03, 0.2 },
    source = "assumed: borrowed from B16BL6 exosomes (Morishita M et al. 2015, J Pharm Sci 104:705-713: spleen 1.6 of 36.6 %ID at 4 h)" },

  lungs_share_of_mps = { 0.191, "1", grade = "assumed", range = { 0.1, 0.3 },
    source = "assumed: borrowed from B16BL6 exosomes (Morishita M et al. 2015, J Pharm Sci 104:705-713: lungs 7 of 36.6 %ID at 4 h)" },

  kidneys_share_of_tissue = { 0.019, "1", grade = "assumed", range = { 0.005, 0.1 },
    source = "assumed as in msc.lua: kidneys take tissue vesicles in proportion to their mass (mouse kidneys 1.67 % of body weight, Brown RP et al. 1997, Toxicol Ind Health 13:407-484)" },

  rest_share_of_tissue = { 0.981, "1", grade = "derived", range = { 0.9, 0.995 },
    source = "derived: 1 - kidneys_share_of_tissue (the tissue shares sum to 1)" },
}
