# a pool of 2 workers runs 5 jobs in waves; completion order follows finish times
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def job(name, secs):
    time.sleep(secs)
    return name


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    done = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        futs = [loop.run_in_executor(pool, job, n, s) for n, s in
                (("a", 0.3), ("b", 0.1), ("c", 0.1), ("d", 0.25), ("e", 0.05))]
        for f in futs:
            f.add_done_callback(lambda fut: done.append((fut.result(), round(loop.time() - t0, 2))))
        print(await asyncio.gather(*futs))
    print(done)


asyncio.run(main())
