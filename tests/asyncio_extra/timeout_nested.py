# nested timeouts: the inner one expiring raises TimeoutError inside the outer block; the outer one expiring cancels through the inner
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    async with asyncio.timeout(1) as outer:
        try:
            async with asyncio.timeout(0.1) as inner:
                await asyncio.sleep(0.5)
        except TimeoutError:
            print("inner expired:", inner.expired(), "outer expired:", outer.expired())
        await asyncio.sleep(0.1)
    print("outer block done at", round(loop.time() - t0, 1), outer.expired())
    try:
        async with asyncio.timeout(0.2) as outer2:
            try:
                async with asyncio.timeout(0.5) as inner2:
                    await asyncio.sleep(1)
            except TimeoutError:
                print("not the inner one")
            except asyncio.CancelledError:
                print("inner sees CancelledError, inner expired:", inner2.expired())
                raise
    except TimeoutError:
        print("outer expired:", outer2.expired(), "at", round(loop.time() - t0, 1))
    print("task cancelling() after all:", asyncio.current_task().cancelling())


asyncio.run(main())
