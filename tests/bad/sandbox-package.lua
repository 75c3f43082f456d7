-- expect: sandbox-package.lua:2: attempt to index a nil value (global 'package')
return package.loaded
