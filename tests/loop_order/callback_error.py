# an exception in a callback goes to the exception handler; later callbacks still run
import asyncio


def boom():
    raise KeyError("k")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "before")
    loop.call_soon(boom)
    loop.call_soon(print, "after")
    await asyncio.sleep(0)
    print("main continues")


asyncio.run(main())
