items = [1, 2,
print(items)
x = 3
