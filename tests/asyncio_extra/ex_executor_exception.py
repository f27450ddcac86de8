# an exception raised in a worker thread comes back through the awaited future
import asyncio
import time


def fails(n):
    time.sleep(0.05 * n)
    raise ValueError(f"job {n} failed")


async def main():
    loop = asyncio.get_running_loop()
    try:
        await loop.run_in_executor(None, fails, 1)
    except ValueError as e:
        print("caught:", e)
    results = await asyncio.gather(
        asyncio.to_thread(fails, 2), asyncio.to_thread(time.sleep, 0.05), return_exceptions=True
    )
    print([type(r).__name__ for r in results])


asyncio.run(main())
