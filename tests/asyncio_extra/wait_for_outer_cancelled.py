# cancelling a task blocked in wait_for cancels the inner awaitable and waits for it to finish
import asyncio


async def slow():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("slow: cancelled, cleaning up")
        await asyncio.sleep(0.1)
        print("slow: cleanup finished")
        raise


async def caller():
    try:
        return await asyncio.wait_for(slow(), timeout=2)
    except asyncio.CancelledError:
        print("caller: cancelled")
        raise


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    t = asyncio.create_task(caller())
    await asyncio.sleep(0.3)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("caller task cancelled at", round(loop.time() - t0, 1))
    f = loop.create_future()
    loop.call_later(0.1, f.set_result, "future value")
    print(await asyncio.wait_for(f, 1))
    done = loop.create_future()
    done.set_result(7)
    print("already done:", await asyncio.wait_for(done, 0))


asyncio.run(main())
