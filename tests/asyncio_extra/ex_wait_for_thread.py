# wait_for around a thread job: the await times out, the thread keeps running
import asyncio
import time


def work():
    time.sleep(0.4)
    return "late result"


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    fut = loop.run_in_executor(None, work)
    try:
        await asyncio.wait_for(asyncio.shield(fut), timeout=0.1)
    except TimeoutError:
        print("timed out at", round(loop.time() - t0, 1))
    print("but the job returns:", await fut, "at", round(loop.time() - t0, 1))


asyncio.run(main())
