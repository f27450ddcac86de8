import random, sys, struct, math
sys.path.insert(0, '/tmp/fmtgen')
rng = random.Random(int(sys.argv[1])); N = int(sys.argv[2])
lines = []
def esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')
def emit(kind, *fields):
    lines.append('\t'.join([kind] + [esc(str(f)) for f in fields]))
def run(f):
    try:
        return ('OK', f())
    except Exception as e:
        return ('ERR', type(e).__name__ + ': ' + str(e))
def enc_val(v):
    if isinstance(v, int): return 'i:' + hex(v)
    if isinstance(v, float): return 'f:' + repr(v)
    return 's:' + v
def enc_args(a):
    if isinstance(a, dict): return 'M' + '\x1e'.join(k + '=' + enc_val(v) for k, v in a.items())
    if isinstance(a, tuple): return 'T' + '\x1e'.join(enc_val(v) for v in a)
    return 'S' + enc_val(a)

spec_alpha = list("<>=^+- z#0123456789,_.eEfFgGn%dxXobcs") + ['\u00e9', '*', '0', '1', '.', '1']
floats = [0.0, -0.0, 1.5, -2.5, 1234567.891, 1e-7, 1e22, float('inf'), float('-inf'), float('nan'), 0.125, 9.995, -0.0001, 5e-324, 1.7976931348623157e308, 123.0]
ints = [0, 1, -1, 7, -7, 255, 65, 1234567, -9876543210, 2**70, 0x10ffff, 0x110000]
strs = ['', 'a', 'abc', '\u00e9t\u00e9', 'hello world']
for _ in range(N):
    spec = ''.join(rng.choice(spec_alpha) for _ in range(rng.randint(0, 8)))
    k = rng.random()
    if k < 0.45:
        x = rng.choice(floats)
        st, out = run(lambda: format(x, spec)); emit('ffmt', repr(x), spec, st, out)
    elif k < 0.85:
        v = rng.choice(ints)
        st, out = run(lambda: format(v, spec)); emit('ifmt', str(v), spec, st, out)
    else:
        s = rng.choice(strs)
        st, out = run(lambda: format(s, spec)); emit('sfmt', s, spec, st, out)

pct_alpha = list("%%%%-+ #0123456789.**()hlLsdiufeEgGxXocra%q") + ['a', 'b', ' ', '\u00e9']
pvals = [3, -4, 0, 2.5, -1.25, 'ab', 'x', 65, 10**20, float('inf'), float('nan'), 1e300]
for _ in range(N):
    fmt = ''.join(rng.choice(pct_alpha) for _ in range(rng.randint(1, 10)))
    r = rng.random()
    if r < 0.6:
        a = tuple(rng.choice(pvals) for _ in range(rng.randint(0, 4)))
    elif r < 0.8:
        a = rng.choice(pvals)
    else:
        a = {rng.choice(['a', 'b', '', 'a)']): rng.choice(pvals) for _ in range(rng.randint(0, 3))}
    st, out = run(lambda: fmt % a)
    emit('pct', fmt, enc_args(a), st, out)

sf_alpha = list("{{{}}}[]!:.0123 abrs<>^x,*pw") + ['name', 'n', '\u00e9', '!r', ':>8', '{w}', '{}']
sf_args = (42, -3.5, 'abc', 1234567, 0.125, '\u00e9t\u00e9')
sf_kwargs = {'name': 'bob', 'x': 2.675, 'n': 255, 'w': 8, 'p': 3}
for _ in range(N):
    f = ''.join(rng.choice(sf_alpha) for _ in range(rng.randint(1, 10)))
    st, out = run(lambda: f.format(*sf_args, **sf_kwargs))
    emit('sfmt_call', f, st, out)
open(sys.argv[3], 'w', encoding='utf-8').write('\n'.join(lines) + '\n')
print(len(lines))
