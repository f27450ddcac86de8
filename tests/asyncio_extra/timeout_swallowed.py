# a body that swallows the timeout's CancelledError exits normally; expired() still says it fired
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    async with asyncio.timeout(0.1) as cm:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print("body swallowed the cancellation")
    print("no TimeoutError; expired:", cm.expired(), "at", round(loop.time() - t0, 1))
    print("cancelling():", asyncio.current_task().cancelling())
    try:
        async with asyncio.timeout(0.1):
            try:
                await asyncio.sleep(1)
            finally:
                print("finally runs on expiry, then awaits")
                await asyncio.sleep(0.1)
    except TimeoutError as e:
        print("TimeoutError from", type(e.__cause__).__name__, "at", round(loop.time() - t0, 1))


asyncio.run(main())
