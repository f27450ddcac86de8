# ThreadPoolExecutor.map from sync code: results in input order, jobs overlap
import time
from concurrent.futures import ThreadPoolExecutor


def slow_double(x):
    time.sleep(0.1)
    return x * 2


t0 = time.perf_counter()
with ThreadPoolExecutor(max_workers=3) as pool:
    print(list(pool.map(slow_double, [1, 2, 3, 4, 5, 6])))
print(f"{time.perf_counter() - t0:.1f}s")
fut = ThreadPoolExecutor(max_workers=1).submit(slow_double, 21)
print(fut.result(), fut.done())
