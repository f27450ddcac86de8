# a task cancelled before its first step never runs its body; the message travels with CancelledError
import asyncio


async def body(name):
    print(name, "body runs")
    return name


async def main():
    t1 = asyncio.create_task(body("t1"))
    t2 = asyncio.create_task(body("t2"))
    print("cancel t1:", t1.cancel("stop it"))
    await asyncio.sleep(0)
    print("t1 cancelled:", t1.cancelled(), "t2 result:", t2.result())
    try:
        t1.result()
    except asyncio.CancelledError as e:
        print("result() raises CancelledError with", e.args)
    try:
        t1.exception()
    except asyncio.CancelledError as e:
        print("exception() raises too:", e.args)
    res = await asyncio.gather(t1, t2, return_exceptions=True)
    print([type(r).__name__ for r in res], res[0].args)


asyncio.run(main())
