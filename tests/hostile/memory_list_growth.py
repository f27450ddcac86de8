rows = []
while True:
    rows.append('x' * 1000)
