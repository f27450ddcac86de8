import random, struct, sys, math
rng = random.Random(int(sys.argv[1])); N = int(sys.argv[2])
def bits_of(x): return '%016x' % struct.unpack('<Q', struct.pack('<d', x))[0]
out = []
for i in range(N):
    r = rng.random()
    if r < 0.5:
        x = math.ldexp(rng.randrange(2**52, 2**53), rng.randint(-70, 12))
    elif r < 0.7:
        x = math.ldexp(rng.randrange(1, 2**53), rng.randint(-1074, 971))
    else:
        x = struct.unpack('<d', struct.pack('<Q', rng.getrandbits(64)))[0]
        if not math.isfinite(x): continue
    if rng.random() < 0.5: x = -x
    out.append('repr\t%s\t%s' % (bits_of(x), repr(x)))
    spec = rng.choice(['', 'g', '.17g', '.16g', 'e', '.3e', '.20e', 'f', '.2f', '.10f', '%', 'n', '.15', '#g', '#.3'])
    out.append('ffmt\t%r\t%s\tOK\t%s' % (x, spec, format(x, spec)))
    nd = rng.randint(-20, 20)
    out.append('rfloat\t%r\t%d\tOK\t%r' % (x, nd, round(x, nd)))
open(sys.argv[3], 'w').write('\n'.join(out) + '\n')
