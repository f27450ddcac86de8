name = 'ÿþ'
print(name)
