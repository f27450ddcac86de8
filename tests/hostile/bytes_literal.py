data = b'abc' * 3
