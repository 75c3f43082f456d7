-- expect: hang-table-move.lua:2: table.move: more than 4194304 elements
table.move({}, 1, math.maxinteger - 1, 1, {})
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
