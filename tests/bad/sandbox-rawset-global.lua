-- expect: sandbox-rawset-global.lua:2: attempt to call a nil value (global 'rawset')
rawset(_G, "x", 1)
return {}
