# wait_for timeout: the inner task ignores the cancel and returns, so wait_for returns its result instead of raising
import asyncio


async def ignores_cancel():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("inner: cancel ignored, tidying up")
        await asyncio.sleep(0.1)
        return "late result"


async def fails_on_cancel():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        raise KeyError("cleanup broke")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    print(await asyncio.wait_for(ignores_cancel(), timeout=0.1), round(loop.time() - t0, 1))
    try:
        await asyncio.wait_for(fails_on_cancel(), timeout=0.1)
    except KeyError as e:
        print("cleanup error surfaces:", repr(e), round(loop.time() - t0, 1))


asyncio.run(main())
