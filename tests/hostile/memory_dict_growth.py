d = {}
i = 0
while True:
    d[i] = "x" * 10000
    i += 1
