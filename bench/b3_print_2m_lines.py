# 2,000,000 printed lines: the output path (formatting, buffering) at scale.
for i in range(2_000_000):
    print(i, "line", i * 3 % 7)
