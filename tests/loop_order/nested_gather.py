# gather of gathers: results nest, children run in creation order
import asyncio


async def job(name, d):
    await asyncio.sleep(d)
    print("done", name)
    return name


async def main():
    inner1 = asyncio.gather(job("a", 0.2), job("b", 0.1))
    inner2 = asyncio.gather(job("c", 0.1), job("d", 0))
    print(await asyncio.gather(inner1, inner2, job("e", 0.15)))


asyncio.run(main())
