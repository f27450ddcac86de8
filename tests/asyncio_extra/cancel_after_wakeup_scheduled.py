# cancel() after the awaited future completed but before the task resumed: the task gets CancelledError, not the result
import asyncio


async def waits(fut):
    try:
        value = await fut
        print("got", value)
    except asyncio.CancelledError as e:
        print("cancelled even though the future had a result; args:", e.args)
        raise


def complete_then_cancel(fut, task):
    fut.set_result("value")
    print("cancel() returns", task.cancel("too late?"))


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(waits(fut))
    await asyncio.sleep(0)
    loop.call_soon(complete_then_cancel, fut, t)
    await asyncio.gather(t, return_exceptions=True)
    print("task cancelled:", t.cancelled(), "future result:", fut.result())
    fut2 = loop.create_future()
    t2 = asyncio.create_task(waits(fut2))
    await asyncio.sleep(0)
    t2.cancel()
    print("waiting future cancelled with the task:", fut2.cancelled())
    await asyncio.gather(t2, return_exceptions=True)


asyncio.run(main())
