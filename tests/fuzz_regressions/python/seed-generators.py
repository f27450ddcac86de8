def g():
    x = yield 1
    yield from range(x)
gen = g()
next(gen)
print(list(gen.send(3) for _ in range(2)))
