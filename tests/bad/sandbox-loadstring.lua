-- expect: sandbox-loadstring.lua:2: attempt to call a nil value (global 'loadstring')
return loadstring("return 1")()
