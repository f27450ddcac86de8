def f():
    return locals()
print(f())
