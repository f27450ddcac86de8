l = [0] * 10 ** 9
l2 = list(range(10 ** 12))
