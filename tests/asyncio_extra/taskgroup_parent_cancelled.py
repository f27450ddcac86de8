# cancelling the task that runs a TaskGroup cancels its child; the CancelledError propagates once the child is done
import asyncio


async def child():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("child: cancelled, cleaning up")
        await asyncio.sleep(0.1)
        print("child: cleanup done")
        raise


async def parent():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child())
            print("parent: body waits")
            await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("parent: CancelledError out of the group")
        raise


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    p = asyncio.create_task(parent())
    await asyncio.sleep(0.2)
    p.cancel()
    try:
        await p
    except asyncio.CancelledError:
        print("main: parent cancelled at", round(loop.time() - t0, 1), p.cancelled())


asyncio.run(main())
