# a child fails while the body already waits in __aexit__: its sibling is cancelled, the error group is raised
import asyncio


async def slow(log):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log.append("slow cancelled")
        raise


async def fails():
    await asyncio.sleep(0.2)
    raise ZeroDivisionError("late failure")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    log = []
    me = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(slow(log))
            tg.create_task(fails())
            print("body done, waiting")
    except ExceptionGroup as eg:
        print(type(eg).__name__, [repr(e) for e in eg.exceptions], log)
    print("at", round(loop.time() - t0, 1), "parent cancelling():", me.cancelling())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails())
            await asyncio.sleep(0.5)
            print("body not finished")
    except* ZeroDivisionError:
        print("body interrupted by the child's failure at", round(loop.time() - t0, 1))


asyncio.run(main())
