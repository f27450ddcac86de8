def (:
  return
)))
'''unterminated
