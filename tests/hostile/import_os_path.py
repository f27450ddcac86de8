import os.path
print(os.path.exists('/etc/passwd'))
