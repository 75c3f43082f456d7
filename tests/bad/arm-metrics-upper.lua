-- expect: arm-metrics-upper.lua:2: arms.METRICS: the arm name "METRICS" is reserved (simulate -o writes metrics.csv next to the arms' files); choose another
return { subject = { species = "mouse" }, horizon = "1 d", arms = { METRICS = {} } }
