text = 'a' * 10**12
