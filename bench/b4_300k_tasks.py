# 300,000 tasks, each created, run and gathered: task creation, stepping and results.
import asyncio


async def work(i):
    await asyncio.sleep(0)
    return i % 10


async def main():
    tasks = [asyncio.create_task(work(i)) for i in range(300_000)]
    results = await asyncio.gather(*tasks)
    print(len(results), sum(results))


asyncio.run(main())
