name = "x\udc80y"
print(name)
