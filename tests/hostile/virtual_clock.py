import time
print(time.time() < 10**6, time.monotonic() < 1)
