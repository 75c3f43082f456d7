-- expect: sandbox-debug.lua:2: attempt to index a nil value (global 'debug')
return debug.getinfo(1)
