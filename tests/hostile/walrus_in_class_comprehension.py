class C:
    squares = [y := i * i for i in range(3)]
