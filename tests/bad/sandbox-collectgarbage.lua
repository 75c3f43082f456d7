-- expect: sandbox-collectgarbage.lua:2: attempt to call a nil value (global 'collectgarbage')
collectgarbage("stop")
return {}
