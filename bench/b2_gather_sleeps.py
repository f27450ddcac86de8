# 100,000 tasks gathering sleeps of 1-2 s: timers, futures and memory per task.
import asyncio


async def nap(i):
    await asyncio.sleep(1 + (i % 1000) / 1000)
    return i


async def main():
    results = await asyncio.gather(*(nap(i) for i in range(100_000)))
    print(len(results), sum(results))


asyncio.run(main())
