# call_soon runs callbacks FIFO; callbacks queued while a pass runs wait for the next pass
import asyncio


def cb(name, loop):
    print("run", name)
    if name == "a":
        loop.call_soon(cb, "a2", loop)


async def main():
    loop = asyncio.get_running_loop()
    for n in ("a", "b", "c"):
        loop.call_soon(cb, n, loop)
    await asyncio.sleep(0)
    print("main resumed")
    await asyncio.sleep(0)
    print("main again")


asyncio.run(main())
