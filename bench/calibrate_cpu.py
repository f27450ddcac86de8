# CPU cost calibration: pure-Python workloads timed with perf_counter.
# Run with python3 (real seconds) and with aiotutor (virtual seconds); compare.
import time


def arith(n):
    x = 0
    for i in range(n):
        x += i * i
    return x


def crunch(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def calls(n):
    def add(a, b):
        return a + b
    s = 0
    for i in range(n):
        s = add(s, i)
    return s


def strings(n):
    parts = []
    for i in range(n):
        parts.append(f"item-{i}")
    return len(",".join(parts))


def dicts(n):
    d = {}
    for i in range(n):
        d[i % 1000] = d.get(i % 1000, 0) + 1
    return len(d)


def lists(n):
    out = [x * 2 for x in range(n) if x % 3]
    return sum(out)


def objects(n):
    class P:
        def __init__(self, x, y):
            self.x = x
            self.y = y

        def norm(self):
            return self.x * self.x + self.y * self.y

    total = 0
    for i in range(n):
        total += P(i, i + 1).norm()
    return total


def sorting(n):
    data = [(i * 7919) % 1000003 for i in range(n)]
    return sorted(data)[n // 2]


for name, fn, n in [
    ("arith", arith, 3_000_000),
    ("crunch", crunch, 2_000_000),
    ("calls", calls, 1_000_000),
    ("strings", strings, 500_000),
    ("dicts", dicts, 1_000_000),
    ("lists", lists, 2_000_000),
    ("objects", objects, 300_000),
    ("sorting", sorting, 1_000_000),
]:
    t0 = time.perf_counter()
    fn(n)
    print(f"{name:8} {time.perf_counter() - t0:.4f}")
