# Timeout.reschedule: move the deadline later or into the past; state errors once the block is left
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        async with asyncio.timeout(0.1) as cm:
            cm.reschedule(loop.time() + 0.3)
            await asyncio.sleep(0.2)
            print("survived past the first deadline at", round(loop.time() - t0, 1))
            cm.reschedule(loop.time() - 1)
            print("deadline in the past; still running")
            await asyncio.sleep(0.5)
    except TimeoutError:
        print("expired at", round(loop.time() - t0, 1))
    try:
        cm.reschedule(None)
    except RuntimeError as e:
        print("RuntimeError:", e)
    async with asyncio.timeout(0.2) as cm2:
        cm2.reschedule(None)
        await asyncio.sleep(0.3)
    print("disabled timeout never fired:", cm2.expired(), cm2.when())
    try:
        async with asyncio.timeout(0):
            print("timeout(0) body starts")
            await asyncio.sleep(0)
            print("not reached")
    except TimeoutError:
        print("timeout(0) expired at first await")
    t = asyncio.timeout(1)
    try:
        t.reschedule(3)
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
