opener = getattr(__builtins__, 'open')
print(opener('/etc/passwd').read())
