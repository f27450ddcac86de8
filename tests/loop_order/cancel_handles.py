# cancelled handles and timers never run; a cancelled timer does not hold the loop
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    h1 = loop.call_soon(print, "never 1")
    h2 = loop.call_later(0.1, print, "never 2")
    h3 = loop.call_later(0.2, print, "runs")
    h1.cancel()
    h2.cancel()
    print(h1.cancelled(), h2.cancelled(), h3.cancelled())
    await asyncio.sleep(0.3)
    h3.cancel()
    print("after", h3.cancelled())


asyncio.run(main())
