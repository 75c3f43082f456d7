-- expect: sandbox-dofile.lua:2: attempt to call a nil value (global 'dofile')
return dofile("/etc/passwd")
