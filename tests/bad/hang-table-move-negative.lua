-- expect: hang-table-move-negative.lua:2: table.move: more than 4194304 elements
table.move({}, math.mininteger + 1, 0, 1, {})
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
