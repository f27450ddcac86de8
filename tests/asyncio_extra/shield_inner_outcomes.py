# shield: an exception in the shielded task reaches the waiter; cancelling the inner task cancels the shield
import asyncio


async def fails():
    await asyncio.sleep(0.1)
    raise ValueError("inner failed")


async def sleeper():
    await asyncio.sleep(1)
    return "never"


async def main():
    try:
        await asyncio.shield(fails())
    except ValueError as e:
        print("shield passes the error through:", e)
    inner = asyncio.create_task(sleeper())
    outer = asyncio.shield(inner)
    await asyncio.sleep(0.1)
    inner.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("inner cancelled -> outer cancelled:", outer.cancelled(), inner.cancelled())
    done = asyncio.create_task(asyncio.sleep(0, "ready"))
    await asyncio.sleep(0)
    print("shield of a done task returns it:", asyncio.shield(done) is done, await asyncio.shield(done))


asyncio.run(main())
