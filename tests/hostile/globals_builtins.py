b = globals()['__builtins__']
