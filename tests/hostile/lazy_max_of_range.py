print(max(range(5 * 10**7)), min(range(5, 10**3)))
