x = 10 ** 10 ** 7
print(len(str(x)))
