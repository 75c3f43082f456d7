-- expect: syntax-error.lua:5: '}' expected (to close '{' at line 2) near 'horizon'
return {
  name = "syntax",
  subject = { species = "mouse" }
  horizon = "28 d",
}
