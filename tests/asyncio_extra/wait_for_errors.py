# wait_for propagates the inner exception before the deadline; timeout=0 on a finished task returns at once
import asyncio


async def boom(delay):
    await asyncio.sleep(delay)
    raise ValueError(f"boom after {delay}")


async def quick():
    return "quick"


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        await asyncio.wait_for(boom(0.1), timeout=0.5)
    except ValueError as e:
        print("inner error:", e, "at", round(loop.time() - t0, 1))
    t = asyncio.create_task(quick())
    await asyncio.sleep(0)
    print("timeout=0 on done task:", await asyncio.wait_for(t, timeout=0))
    try:
        await asyncio.wait_for(asyncio.sleep(0.2), timeout=-1)
    except TimeoutError as e:
        print("negative timeout:", type(e).__name__, type(e.__cause__).__name__)
    print("end", round(loop.time() - t0, 1))


asyncio.run(main())
