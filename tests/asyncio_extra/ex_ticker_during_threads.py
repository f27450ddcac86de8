# the loop keeps ticking while blocking work runs in threads, but not while it blocks itself
import asyncio
import time


async def ticker(loop, t0, n):
    for _ in range(n):
        await asyncio.sleep(0.1)
        print(f"tick {loop.time() - t0:.1f}")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await asyncio.gather(ticker(loop, t0, 3), asyncio.to_thread(time.sleep, 0.35))
    print("threads done at", round(loop.time() - t0, 1))
    t0 = loop.time()
    tick = asyncio.create_task(ticker(loop, t0, 3))
    await asyncio.sleep(0.05)
    time.sleep(0.3)
    print("blocked the loop until", round(loop.time() - t0, 2))
    await tick


asyncio.run(main())
