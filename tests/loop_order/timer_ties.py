# timers fire by deadline; equal deadlines fire in the order they were scheduled
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    now = loop.time()
    for name, delay in (("late", 0.3), ("tie1", 0.2), ("early", 0.1), ("tie2", 0.2), ("tie3", 0.2)):
        loop.call_at(now + delay, print, name)
    loop.call_later(0.2, print, "later-tie")
    loop.call_soon(print, "soon")
    await asyncio.sleep(0.5)
    print("done at", round(loop.time() - now, 1))


asyncio.run(main())
