# a cancel() from outside during a timeout block stays a CancelledError: only the timeout's own cancel becomes TimeoutError
import asyncio


async def guarded(log):
    try:
        async with asyncio.timeout(1) as cm:
            await asyncio.sleep(5)
    except TimeoutError:
        log.append("TimeoutError (wrong)")
    except asyncio.CancelledError:
        log.append(f"CancelledError, expired={cm.expired()}")
        raise


async def both(log):
    # cancelled from outside, then the deadline passes during the cleanup: two requests
    try:
        async with asyncio.timeout(0.2) as cm:
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                log.append("outside cancel caught; cleanup runs past the deadline")
                await asyncio.sleep(0.3)
    except TimeoutError:
        log.append("TimeoutError (wrong)")
    except asyncio.CancelledError:
        me = asyncio.current_task()
        log.append(f"both: CancelledError, expired={cm.expired()}, cancelling={me.cancelling()}")
        raise


async def main():
    loop = asyncio.get_running_loop()
    log = []
    t = asyncio.create_task(guarded(log))
    await asyncio.sleep(0.1)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    print(log, t.cancelled())
    t2 = asyncio.create_task(both(log))
    await asyncio.sleep(0.1)
    t2.cancel()
    await asyncio.gather(t2, return_exceptions=True)
    print(log[-2:], t2.cancelled())


asyncio.run(main())
