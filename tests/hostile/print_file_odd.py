class Sink:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)

sink = Sink()
print('a', 1, sep='-', file=sink)
print(sink.parts)
print('lost', file=42)
