x = 1
print(f"{x!r:>{x}} {f'{x}'} {x=}")
