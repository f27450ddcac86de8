# done-callbacks are scheduled with call_soon in registration order, after the waiter wakes
import asyncio


async def waiter(fut, name):
    v = await fut
    print(name, "got", v)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("cb1", f.result()))
    t = asyncio.create_task(waiter(fut, "w1"))
    fut.add_done_callback(lambda f: print("cb2", f.result()))
    await asyncio.sleep(0)
    t2 = asyncio.create_task(waiter(fut, "w2"))
    await asyncio.sleep(0)
    fut.set_result(7)
    fut.add_done_callback(lambda f: print("cb3 (late)"))
    await asyncio.gather(t, t2)
    print("end")


asyncio.run(main())
