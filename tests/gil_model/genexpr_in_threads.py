# Two threads summing a generator expression: their GIL slices end inside the
# generator, which a native (sum) is driving; each must still get every value.
import threading

def crunch(n):
    return sum(i * i for i in range(n))

out = []
ts = [threading.Thread(target=lambda: out.append(crunch(300_000))) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(out)
