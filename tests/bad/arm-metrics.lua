-- expect: arm-metrics.lua:2: arms.metrics: the arm name "metrics" is reserved (simulate -o writes metrics.csv next to the arms' files); choose another
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {}, metrics = {} } }
