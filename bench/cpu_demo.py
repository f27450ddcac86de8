# CPU-bound work and asyncio: on the loop it freezes a heartbeat; in threads the GIL
# serializes it (two jobs take twice as long as one); in processes it runs in parallel.
import asyncio
import time
from concurrent.futures import ProcessPoolExecutor


def sort_job(n):
    data = [(i * 7919) % 1000003 for i in range(n)]
    data.sort()
    return data[n // 2]


async def heartbeat(stop, gaps):
    last = time.perf_counter()
    while not stop[0]:
        await asyncio.sleep(0.01)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now


async def main():
    loop = asyncio.get_running_loop()
    n = 600_000
    stop, gaps = [False], []
    hb = asyncio.create_task(heartbeat(stop, gaps))
    await asyncio.sleep(0.05)
    sort_job(n)
    await asyncio.sleep(0.05)
    stop[0] = True
    await hb
    print(f"loop   longest heartbeat gap {max(gaps):.3f}")
    for k in (1, 2):
        t0 = time.perf_counter()
        await asyncio.gather(*(asyncio.to_thread(sort_job, n) for _ in range(k)))
        print(f"thread x{k} {time.perf_counter() - t0:.3f}")
    with ProcessPoolExecutor(max_workers=2) as pool:
        await asyncio.gather(*(loop.run_in_executor(pool, sort_job, 10) for _ in range(2)))
        for k in (1, 2):
            t0 = time.perf_counter()
            await asyncio.gather(*(loop.run_in_executor(pool, sort_job, n) for _ in range(k)))
            print(f"process x{k} {time.perf_counter() - t0:.3f}")


asyncio.run(main())
