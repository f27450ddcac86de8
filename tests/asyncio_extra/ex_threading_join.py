# plain threads: sleeping threads overlap; join waits; names follow CPython's pattern
import threading
import time

log = []


def worker(n):
    log.append(f"start {n} in {threading.current_thread().name}")
    time.sleep(0.1 * n)
    log.append(f"end {n}")


t0 = time.time()
threads = [threading.Thread(target=worker, args=(n,)) for n in (3, 1, 2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("\n".join(log))
print(f"elapsed {time.time() - t0:.1f}", all(not t.is_alive() for t in threads))
