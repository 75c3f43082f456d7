-- expect: sandbox-env.lua:2: attempt to index a nil value (global 'os')
return _ENV.os.exit()
