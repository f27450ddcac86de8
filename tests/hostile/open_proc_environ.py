with open('/proc/self/environ') as f:
    print(f.read())
