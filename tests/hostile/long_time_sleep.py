import time
time.sleep(1e9)
print('slept')
