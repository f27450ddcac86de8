# current_task() inside tasks and callbacks, all_tasks() counts pending tasks, names from TaskGroup.create_task
import asyncio


def callback(log):
    log.append(("callback sees current_task", asyncio.current_task()))


async def child(n):
    await asyncio.sleep(0.1 * n)
    return asyncio.current_task().get_name()


async def main():
    log = []
    asyncio.get_running_loop().call_soon(callback, log)
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(child(1), name="alpha")
        b = tg.create_task(child(2))
        await asyncio.sleep(0)
        print("pending tasks:", len(asyncio.all_tasks()))
        print("main is in all_tasks:", asyncio.current_task() in asyncio.all_tasks())
    print(a.result(), b.result().startswith("Task-"), log)
    print("after the group:", len(asyncio.all_tasks()))
    try:
        asyncio.current_task()
    except RuntimeError as e:
        print("never", e)


asyncio.run(main())
try:
    asyncio.current_task()
except RuntimeError as e:
    print("outside the loop:", e)
