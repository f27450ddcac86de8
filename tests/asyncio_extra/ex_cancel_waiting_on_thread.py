# cancelling a task that awaits a thread job: the task is cancelled, the job still finishes
import asyncio
import time

finished = []


def slow(n):
    time.sleep(0.3)
    finished.append(n)
    return n


async def waiter():
    try:
        return await asyncio.to_thread(slow, 1)
    except asyncio.CancelledError:
        print("waiter cancelled")
        raise


async def main():
    t = asyncio.create_task(waiter())
    await asyncio.sleep(0.1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled:", t.cancelled(), "finished so far:", finished)
    await asyncio.sleep(0.3)
    print("finished later:", finished)


asyncio.run(main())
