# a task that swallows CancelledError finishes normally; cancelling() counts requests, uncancel() undoes one
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        me = asyncio.current_task()
        print("caught cancel, cancelling() =", me.cancelling())
        print("uncancel() ->", me.uncancel())
        await asyncio.sleep(0.1)
        return "finished anyway"


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0.1)
    t.cancel()
    print("requested, cancelling() =", t.cancelling())
    print(await t, "| cancelled:", t.cancelled(), "cancelling:", t.cancelling())
    t2 = asyncio.create_task(stubborn())
    await asyncio.sleep(0.1)
    t2.cancel()
    t2.cancel()
    print("two requests:", t2.cancelling())
    print(await t2, t2.cancelling())


asyncio.run(main())
