# cancelling a task that awaits another task cancels the inner one first; the outer sees CancelledError after it
import asyncio


async def inner():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("inner cancelled")
        raise


async def outer(t):
    try:
        await t
    except asyncio.CancelledError:
        print("outer cancelled, inner done:", t.done())
        raise


async def main():
    ti = asyncio.create_task(inner())
    to = asyncio.create_task(outer(ti))
    await asyncio.sleep(0.1)
    to.cancel()
    print("cancel requested")
    await asyncio.sleep(0)
    print("one pass later: inner", ti.cancelled(), "outer", to.done())
    await asyncio.sleep(0)
    print("two passes later: outer", to.cancelled())


asyncio.run(main())
