-- expect: arm-metrics-case.lua:2: arms.Metrics: the arm name "Metrics" is reserved (simulate -o writes metrics.csv next to the arms' files); choose another
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {}, Metrics = {} } }
