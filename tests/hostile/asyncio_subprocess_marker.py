import asyncio

async def main():
    p = await asyncio.create_subprocess_shell('echo CHILD-$((6*7))-RAN; touch pwned.txt')
    await p.wait()

asyncio.run(main())
