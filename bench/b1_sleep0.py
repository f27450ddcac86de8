# 10,000 tasks x 100 `await asyncio.sleep(0)` each: the loop's per-step overhead.
import asyncio


async def worker(n):
    for _ in range(n):
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(*(worker(100) for _ in range(10_000)))
    print("done")


asyncio.run(main())
