parts = ['abc' * 1000] * 10**7
text = ''.join(parts)
