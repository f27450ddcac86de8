# cancelling the awaiter of a shield leaves the inner task running; its result is simply not delivered
import asyncio


async def important():
    await asyncio.sleep(0.3)
    print("important work finished")
    return 42


async def waiter(t):
    try:
        return await asyncio.shield(t)
    except asyncio.CancelledError:
        print("waiter cancelled; inner done?", t.done())
        raise


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    t = asyncio.create_task(important())
    w1 = asyncio.create_task(waiter(t))
    w2 = asyncio.create_task(waiter(t))
    await asyncio.sleep(0.1)
    w1.cancel()
    print("w2 still waiting:", not w2.done())
    print("w2 got", await w2, "at", round(loop.time() - t0, 1))
    print("w1 cancelled:", w1.cancelled(), "inner result:", t.result())


asyncio.run(main())
