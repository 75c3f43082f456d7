-- expect: os-execute.lua:2: attempt to index a nil value (global 'os')
os.execute("rm -rf /tmp/x")
return { subject = { species = "mouse" }, horizon = "28 d", arms = { control = {} } }
