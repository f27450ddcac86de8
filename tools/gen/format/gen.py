#!/usr/bin/env python3
"""Generate CPython 3.11 reference outputs for the fmtlib tests.
usage: gen.py SCALE SEED OUT"""
import math, random, struct, sys

SCALE = float(sys.argv[1]); SEED = int(sys.argv[2]); OUT = sys.argv[3]
rng = random.Random(SEED)
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

def bits_of(x):
    return '%016x' % struct.unpack('<Q', struct.pack('<d', x))[0]

def from_bits(b):
    return struct.unpack('<d', struct.pack('<Q', b))[0]

def n(k):
    return max(1, int(k * SCALE))

def rand_float():
    r = rng.random()
    if r < 0.22:
        while True:
            x = from_bits(rng.getrandbits(64))
            if math.isfinite(x):
                return x
    if r < 0.40:
        k = rng.randint(0, 8)
        return round(rng.uniform(-10 ** rng.randint(0, 9), 10 ** rng.randint(0, 9)), k)
    if r < 0.52:  # exact binary halfway-ish values
        return rng.randint(-10**6, 10**6) / 2 ** rng.randint(0, 12)
    if r < 0.60:
        return float(rng.choice(['1.005', '2.675', '0.125', '0.375', '2.5', '3.5', '0.5', '1.5', '1.15',
                                 '1.25', '1.35', '0.045', '87.6', '80.4', '-83.7', '1234.5678', '9.995',
                                 '0.30000000000000004', '1e16', '1e15', '9999999999999998.0', '123456789.0',
                                 '1e-05', '0.0001', '1e+100', '1.2345678901234567', '5e-324', '2.2250738585072014e-308',
                                 '1.7976931348623157e308', '0.1', '0.2', '0.3', '100.0', '1e22', '1e23',
                                 '4.35', '0.0005', '0.00049999999999999999', '999.9999', '0.9999995']))
    if r < 0.70:  # powers of ten and neighbours
        x = 10.0 ** rng.randint(-30, 30)
        x = rng.choice([x, math.nextafter(x, math.inf), math.nextafter(x, -math.inf), x * rng.randint(1, 9)])
        return -x if rng.random() < 0.3 else x
    if r < 0.76:  # subnormals
        return from_bits(rng.getrandbits(52)) * rng.choice([1, -1])
    if r < 0.86:  # integers
        return float(rng.choice([rng.randint(-1000, 1000), rng.randint(-2**60, 2**60), 2**53 + rng.randint(-3, 3)]))
    if r < 0.93:
        return rng.uniform(-1, 1) * 10 ** rng.randint(-8, 8)
    return rng.choice([0.0, -0.0, math.inf, -math.inf, math.nan, -0.0, 1e300, -1e-300, 0.5, -0.5])

def frepr(x):
    return repr(x)

# ---------------------------------------------------------------- repr
for _ in range(n(700)):
    x = rand_float()
    emit('repr', bits_of(x), repr(x))

# ---------------------------------------------------------------- specs
def rand_spec(kind):
    s = ''
    if rng.random() < 0.25:
        fill = rng.choice(['*', '0', ' ', '-', 'x', '\u00e9', '\u4e2d', '=', '<', '#'])
        s += fill + rng.choice('<>=^')
    elif rng.random() < 0.25:
        s += rng.choice('<>=^')
    if rng.random() < 0.3:
        s += rng.choice('+- ')
    if rng.random() < (0.15 if kind == 'float' else 0.03):
        s += 'z'
    if rng.random() < 0.2:
        s += '#'
    if rng.random() < 0.25:
        s += '0'
    if rng.random() < 0.55:
        s += str(rng.choice([0, 1, 2, 3, 5, 7, 8, 10, 12, 15, 20, 25]))
    if rng.random() < 0.2:
        s += rng.choice([',', '_', ',', '_', ',_'])
    if rng.random() < (0.6 if kind == 'float' else 0.1):
        s += '.' + str(rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 16, 17, 20, 25, 30, 50]))
    if kind == 'float':
        tys = 'eEfFgGn%' + '  ' 
        if rng.random() < 0.03:
            tys = 'dsxcq'
    elif kind == 'int':
        tys = 'dnbboxXxXc  eEfgG%'
        if rng.random() < 0.04:
            tys = 'sq\u00e9F'
    else:
        tys = 'sss   '
        if rng.random() < 0.05:
            tys = 'dfx'
    t = rng.choice(tys)
    if t != ' ':
        s += t
    if rng.random() < 0.01:
        s += rng.choice(['x', '.', '..', 'dd'])
    return s

for _ in range(n(1180)):
    x = rand_float()
    spec = rand_spec('float')
    if spec[-1:] in ('f', 'F', '%') and abs(x) > 1e25 and math.isfinite(x) and rng.random() < 0.9:
        x = x / 10.0 ** (int(math.log10(abs(x))) - rng.randint(0, 20))
    st, out = run(lambda: format(x, spec))
    emit('ffmt', repr(x), spec, st, out)

def rand_int():
    r = rng.random()
    if r < 0.4:
        return rng.randint(-1000, 1000)
    if r < 0.7:
        return rng.randint(-10**9, 10**9)
    if r < 0.85:
        return rng.randint(-2**70, 2**70)
    if r < 0.95:
        return rng.choice([0, 1, -1, 65, 0x10ffff, 0x110000, 2**63, -2**63, 10**20, 128512, 233, 2**1023*3])
    return rng.randint(-10**120, 10**120)

for _ in range(n(600)):
    v = rand_int()
    spec = rand_spec('int')
    st, out = run(lambda: format(v, spec))
    emit('ifmt', str(v), spec, st, out)

# big ints and the 4300 digit limit: encoded as sign, base, exponent, offset
for sign, base, exp, off in [(1, 10, 4299, 0), (1, 10, 4300, -1), (1, 10, 4300, 0), (-1, 10, 4300, 0), (1, 2, 20000, 0), (-1, 10, 4299, 7)]:
    v = sign * (base ** exp + off)
    for spec in ['', 'd', ',', 'x', '>5', 'n', 'e']:
        st, out = run(lambda: format(v, spec))
        if st == 'OK':
            out = 'len=%d:%s' % (len(out), out[:40])
        emit('ifmt_big', '%d,%d,%d,%d' % (sign, base, exp, off), spec, st, out)

def rand_str():
    return rng.choice(['', 'a', 'abc', 'hello world', '\u00e9t\u00e9', '\u4e2d\u6587', 'tab\there', 'x' * 30, "it's", '"q"', '12345'])

for _ in range(n(220)):
    s = rand_str()
    spec = rand_spec('str')
    st, out = run(lambda: format(s, spec))
    emit('sfmt', s, spec, st, out)

# ---------------------------------------------------------------- fixed format cases
fixed = [
    (3.14159265, '.2f'), (3.14159265, '.1f'), (3.14159265, '.0f'), (2.5, '.0f'), (0.125, '.2f'), (1.005, '.2f'),
    (1234.5, ',.1f'), (0.5, '.0%'), (0.256, '.1%'), (1e6, '.2e'), (12.0, 'g'), (0.00001234, 'g'), (12.0, ''),
    (12.0, '.2'), (1e20, '#'), (1.0, '#g'), (float('inf'), '010'), (-0.0, 'z.2f'), (-0.0001, 'z.2f'),
    (float('nan'), '+'), (float('-inf'), 'F'), (1e300, '.0f'), (1234567.891, '_.2f'), (1234567.891, '015,.2f'),
    (-1234.5, '=+15,.3f'), (0.1, '.30f'), (5e-324, '.1100e'), (1.5, '.2000f'), (123.456, 'n'), (1e16, 'n'),
    (1.0, '.0e'), (1.0, '#.0e'), (1.0, '#.0f'), (100.0, '#.3g'), (0.0001, '.3g'), (0.00001, ''), (1e16, ''),
    (123456789.0, '.20g'), (9.5, '.0f'), (0.05, '.1f'), (0.15, '.1f'), (0.25, '.1f'), (0.35, '.1f'),
]
for x, spec in fixed:
    st, out = run(lambda: format(x, spec))
    emit('ffmt', repr(x), spec, st, out)
fixed_int = [(1234567, ','), (255, 'x'), (255, 'X'), (255, 'b'), (8, 'o'), (7, '03d'), (7, '>4'), (7, '<4'),
             (-7, '03d'), (7, '+d'), (1234, '08,'), (1234, '09,'), (65, '05c'), (65, 'c'), (255, '#X'), (255, '#010x'),
             (-255, '#010_x'), (123456789, '_b'), (10**30, 'e'), (10**400, 'e'), (5, '.2f'), (5, '%'), (-5, 'z'),
             (5, '.2'), (5, '+c'), (5, '#c'), (-1, 'c'), (2**64, 'c'), (0x110000, 'c'), (1, ',c'), (1, '_n'),
             (1, ',n'), (1, '_,'), (1, ',_'), (1, 'abc'), (1, '99999999999999999999'), (1, '.'), (1, ','),
             (True, 'd'), (1, '\u0661\u0660'), (1, '\u00e9'), (1, '\x01'), (1, ',\u00e9'), (10**20, 'n'), (-10**20, ' ,')]
for v, spec in fixed_int:
    st, out = run(lambda: format(v, spec))
    emit('ifmt', str(int(v)), spec, st, out)
fixed_str = [('left', '*<8'), ('right', '*>8'), ('mid', '-^9'), ('ab', '05'), ('ab', '=5'), ('ab', '+5'), ('ab', ' 5'),
             ('ab', 'z'), ('ab', '#'), ('ab', ','), ('ab', '_'), ('ab', ',s'), ('abcdef', '.3'), ('abcdef', '10.3'),
             ('abc', '^10'), ('abc', '^11'), ('ab', 'd'), ('ab', 'x>10'), ('\u4e2d\u6587', '*^7'), ('ab', '5dd'),
             ('ab', '.'), ('ab', '\u0661\u0660'), ('ab', '<\u0661\u0660')]
for s, spec in fixed_str:
    st, out = run(lambda: format(s, spec))
    emit('sfmt', s, spec, st, out)

# ---------------------------------------------------------------- round
for _ in range(n(600)):
    x = rand_float()
    r = rng.random()
    if r < 0.6:
        nd = rng.randint(-3, 12)
    elif r < 0.9:
        nd = rng.randint(-30, 30)
    else:
        nd = rng.choice([-400, -309, -308, -307, -300, 22, 23, 300, 322, 323, 324, 10**6, -10**6])
    st, out = run(lambda: round(x, nd))
    emit('rfloat', repr(x), nd, st, repr(out) if st == 'OK' else out)
for x, nd in [(2.675, 2), (1234.5678, 1), (87.6, -1), (80.4, -1), (0.30000000000000004, 1), (1.15, 1), (-83.7, -1),
              (1.05, 1), (2.5, 0), (1.7976931348623157e308, -308), (1.7976931348623157e308, -307), (-4.0, -1),
              (5e-324, 323), (5e-324, 322), (-0.0, 2), (0.5, 0), (-0.5, 0), (1.5, 0), (15.0, -1), (25.0, -1), (-25.0, -1)]:
    st, out = run(lambda: round(x, nd))
    emit('rfloat', repr(x), nd, st, repr(out) if st == 'OK' else out)
for _ in range(n(200)):
    x = rand_float()
    if rng.random() < 0.4:
        x = rng.randint(-100, 100) + rng.choice([0.5, 0.25, 0.75, 0.0, 0.4999999999999999, 0.5000000000000001])
    st, out = run(lambda: round(x))
    emit('rint', repr(x), st, str(out) if st == 'OK' else out)
for x in [2.5, -2.5, 0.5, -0.5, 1.5, float('inf'), float('-inf'), float('nan'), 1e300, 4503599627370497.0]:
    st, out = run(lambda: round(x))
    emit('rint', repr(x), st, str(out) if st == 'OK' else out)
for _ in range(n(150)):
    v = rand_int()
    nd = rng.choice([rng.randint(-25, 3), rng.randint(-3, 0), -10**6])
    emit('rnint', str(v), nd, 'OK', str(round(v, nd)))
for v, nd in [(1235, -1), (1245, -1), (-1245, -1), (-1255, -1), (15, -1), (25, -1), (5, -1), (50, -2), (150, -2), (10**30 + 5 * 10**9, -10)]:
    emit('rnint', str(v), nd, 'OK', str(round(v, nd)))

# ---------------------------------------------------------------- radix
for _ in range(n(50)):
    v = rand_int()
    emit('radix', str(v), 16, 1, 'OK', hex(v))
    emit('radix', str(v), 2, 1, 'OK', bin(v))
    emit('radix', str(v), 8, 1, 'OK', oct(v))
for v in [0, -1, 255, -255, 8, -5]:
    emit('radix', str(v), 16, 1, 'OK', hex(v)); emit('radix', str(v), 2, 1, 'OK', bin(v)); emit('radix', str(v), 8, 1, 'OK', oct(v))

int_strs = [' 8 ', 'ff', '0x1f', '0X1F', '0o17', '0b101', '1_000', '1__000', '_1', '1_', '+5', '-5', '+-5', ' - 5', '',
            '  ', '0', '00', '000_0', '010', '0x', '0x_f', '0x_', '0b2', 'z', 'Z', '12abc', 'x1', "it's", '1e5', '1.5',
            '\u0661\u0662', '\uff11\uff12', '\u3000 42\u2003', '12\x00', '\t\n 7 \r', 'inf', '9' * 50, '-0', '0_0',
            '0b_1', '0o_7', '1 2', '١٢a', 'x' * 250, '\x0b5\x0c', '\x1c5', '0x1F_ff', '٣', 'a\u00e9', "'\"", '"']
for s in int_strs:
    for base in [10, 0, 16, 2, 8, 36, 7, 1, 37]:
        st, out = run(lambda: int(s, base))
        emit('pint', s, base, st, str(out) if st == 'OK' else out)
# long strings are encoded as unit, count, suffix
for unit, cnt, suf in [('1', 4300, ''), ('1', 4301, ''), ('1', 5000, 'x'), ('1_', 4300, '1'), ('f', 5000, ''), ('0', 4301, '')]:
    s = unit * cnt + suf
    for base in [10, 16, 0]:
        st, out = run(lambda: int(s, base))
        emit('pint_rep', unit, cnt, suf, base, st, ('len=%d' % len(str(out)) if base == 10 else 'bits=%d' % out.bit_length()) if st == 'OK' else out)
float_strs = ['1.50', ' -0.25 ', 'inf', '-Infinity', 'nan', '1e5', '1_000.5', 'abc', '', ' ', '1_0 ', '1\x1c', '1\u2003',
              '1_.5', '1._5', '1e1_0', '1.5_', '_1', '.', '1.', '-.5', '+', 'infinit', '+nan', '-nan', 'nAn', '1e', '1e+',
              '1E-5', '\u0661.\u0665', '1\x00', 'in_f', '1__0', '0x10', '1e500', '-1e500', '1e-400', 'iNF ', '1 2', '0_1',
              '00.5', '.5e3', '5.e3', '1_e5', "it's", '0.1', '2.675', '9007199254740993', '1e22', '1e23', '4.9e-324',
              '2.4703282292062328e-324', '2.4703282292062327e-324', '1.7976931348623158e308', '1.7976931348623159e308',
              '-0', '+0.0', '1e-7', '123456789012345678901234567890', '\u00e9', '1\u00e9', ' 1 ', '\t2\n']
for s in float_strs:
    st, out = run(lambda: float(s))
    emit('pfloat', s, st, repr(out) if st == 'OK' else out)
for _ in range(n(100)):
    x = rand_float()
    s = rng.choice([repr(x), '%.17g' % x, '%.25e' % x, '%.5f' % x])
    st, out = run(lambda: float(s))
    emit('pfloat', s, st, repr(out) if st == 'OK' else out)

# ---------------------------------------------------------------- str repr / ascii
def rand_cp():
    r = rng.random()
    if r < 0.3:
        return rng.randint(0, 0x17f)
    if r < 0.6:
        return rng.randint(0x180, 0x3000)
    if r < 0.8:
        return rng.randint(0x3000, 0xffff)
    return rng.randint(0x10000, 0x10ffff)
for _ in range(n(60)):
    cps = [rand_cp() for _ in range(rng.randint(1, 6))]
    cps = [c for c in cps if not (0xd800 <= c <= 0xdfff)]
    t = ''.join(map(chr, cps)) + rng.choice(['', "'", '"', "'\"", '\\'])
    emit('srepr', t, 'OK', repr(t))
    emit('sascii', t, 'OK', ascii(t))

# ---------------------------------------------------------------- percent
def enc_val(v):
    if isinstance(v, bool):
        raise ValueError
    if isinstance(v, int):
        return 'i:' + hex(v)
    if isinstance(v, float):
        return 'f:' + repr(v)
    return 's:' + v

def enc_args(a):
    if isinstance(a, dict):
        return 'M' + '\x1e'.join(k + '=' + enc_val(v) for k, v in a.items())
    if isinstance(a, tuple):
        return 'T' + '\x1e'.join(enc_val(v) for v in a)
    return 'S' + enc_val(a)

def rand_conv():
    conv = rng.choice('sssrrdddiuxXoeEfFgGcaa%') 
    if rng.random() < 0.02:
        conv = rng.choice('qyk\u00e9')
    flags = ''.join(rng.choice('-+ #0') for _ in range(rng.choice([0, 0, 0, 1, 1, 2])))
    width = rng.choice(['', '', '', '5', '10', '1', '0', '*', '12'])
    prec = rng.choice(['', '', '', '.2', '.0', '.5', '.10', '.*', '.'])
    return '%' + flags + width + prec + conv

def rand_pval(conv):
    r = rng.random()
    if conv in 'di' and r < 0.6 or conv in 'xXou' and r < 0.85:
        return rand_int()
    if conv in 'eEfFgG' and r < 0.7:
        return rand_float()
    if conv == 'c' and r < 0.7:
        return rng.choice([65, 0x4e2d, 'x', 'ab', 0x110000, -1, 233])
    return rng.choice([rand_int(), rand_float(), rand_str(), 'ok'])

for _ in range(n(400)):
    parts = []
    args = []
    for _ in range(rng.randint(1, 3)):
        c = rand_conv()
        parts.append(rng.choice(['', 'a', ' | ', 'x=', '\u00e9']))
        parts.append(c)
        if c.endswith('%'):
            continue
        if '*' in c:
            for _ in range(c.count('*')):
                args.append(rng.choice([3, -4, 0, 8, 2.5]) if rng.random() < 0.1 else rng.choice([3, -4, 0, 8]))
        args.append(rand_pval(c[-1]))
    if rng.random() < 0.05 and args:
        args.pop()
    if rng.random() < 0.05:
        args.append(1)
    fmt = ''.join(parts)
    if rng.random() < 0.03:
        fmt += rng.choice(['%', '%-', '%5', '%.', '%(x', '%l'])
    a = tuple(args)
    if len(a) == 1 and rng.random() < 0.5 and not isinstance(a[0], tuple):
        a = a[0]
    st, out = run(lambda: fmt % a)
    emit('pct', fmt, enc_args(a), st, out)

pct_fixed = [
    ("%d items at %.2f each, %s %r %5.1f|", (3, 1.5, "ok", "ok", 2.25)),
    ('%(a)s %s', {'a': 1}), ('%s %(a)s', {'a': 1}), ('%s', {'a': 1}), ('%#08o', 8), ('%#08x', 255), ('%+#8x', 255),
    ('%x', 2.5), ('%d', 'a'), ('%c', 2.5), ('%c', 'ab'), ('%*d', (2.5, 1)), ('%', ()), ('%q', ()), ('ab%q', 1),
    ('%(a', {'a': 1}), ('%(a)s', 1), ('%(a)s %(b)05.1f', {'a': 'x', 'b': 2.25}), ('%(a)s', {'b': 1}),
    ('%s %s', (1,)), ('%s', (1, 2)), ('abc', ()), ('abc', 5), ('abc', {'a': 1}), ('%%', ()), ('%5%', ()),
    ('%-5d|', -3), ('%05d', -3), ('% d', 3), ('%+.3d', 7), ('%.0f', 2.5), ('%#.0f', 2.5), ('%#x', 0), ('%#X', 255),
    ('%-#10x|', 255), ('%#-010o|', 8), ('%e', 0.0), ('%g', 1e-5), ('%#g', 1.0), ('%G', float('nan')), ('%010.2f', -float('inf')),
    ('%c', 0x10ffff), ('%c', 65), ('%5c|', 'x'), ('%-5c|', 'x'), ('%.1c', 'x'), ('%ld', 5), ('%hd', 5), ('%Lf', 1.5),
    ('%lz', 5), ('%s', 10**4400 // 10**4400), ('%d', 1.9), ('%d', -1.9), ('%x', -255), ('%o', -8), ('%u', 5),
    ('%i', 5), ('%.3s|%5.1s|', ('abcdef', 'xyz')), ('%a', '\u00e9\U0001F600\x07'), ('%r', "it's"), ('%10r', 'a'),
    ('%.*f', (2, 3.14159)), ('%*.*f', (8, 2, 3.14159)), ('%-*d|', (5, 1)), ('%*d|', (-5, 1)), ('%.*s', (-1, 'abc')),
    ('%(a)(b)s', {'a(b': 1}), ('%(a(b))s', {'a(b)': 2}), ('%()s', {'': 3}), ('%s%', (1,)), ('%\u00e9', 1),
    ('%.3f', 10**400), ('%f', 10**20), ('%d', 10**4301), ('%x', 10**300),
]
for fmt, a in pct_fixed:
    st, out = run(lambda: fmt % a)
    emit('pct', fmt, enc_args(a), st, out)

# ---------------------------------------------------------------- str.format
sf_args = (42, -3.5, 'abc', 1234567, 0.125, '\u00e9t\u00e9')
sf_kwargs = {'name': 'bob', 'x': 2.675, 'n': 255, 'w': 8, 'p': 3}
sf_fixed = ['{}', '{0}', '{1}', '{2}', '{} {}', '{0}{1}{0}', '{name}', '{x:.2f}', '{n:#x}', '{n:{w}}', '{x:{w}.{p}f}',
            '{:{}}', '{0:{1}}', '{{}}', '{{{0}}}', '}}{{', '{!r}', '{2!r:>10}', '{2!s}', '{5!a}', '{0!x}', '{0!rr}',
            '{!', '{0!', '{0!r', '{0:', '{0:{', '{0', '{', '}', 'a}b', '{0}}', '{ 0}', '{00}', '{0[}', '{2[0]x}',
            '{0.}', '{2[]}', '{0:{1:{2}}}', '{}{0}', '{0}{}', '{name}{}', '{a{}', '{0:}}', 'x{0:{{}}}', '{2[1]}',
            '{:>{w}}|{:<{w}}', '{0:{w}{p}}', '{9}', '{missing}', '{2:d}', '{0:s}', '{1:,}', '{3:_}', '{3:,x}',
            '{0:=+10}', '{0:\u0661}', '{\u0661}', '{0!}}', '{0!\u00e9}', '{:}', '{:{}}{}', '{0:{}}', '{w:{}}',
            'plain text', '', '\u4e2d{0}\u6587', '{99999999999999999999}', '{0[99999999999999999999]}']
for f in sf_fixed:
    st, out = run(lambda: f.format(*sf_args, **sf_kwargs))
    emit('sfmt_call', f, st, out)
for _ in range(n(180)):
    parts = []
    for _ in range(rng.randint(1, 3)):
        parts.append(rng.choice(['', 'a', ' ', '{{', '}}', '\u00e9']))
        name = rng.choice(['', '', '0', '1', '2', '3', '4', '5', 'name', 'x', 'n'])
        conv = rng.choice(['', '', '', '!r', '!s', '!a'])
        spec = rng.choice(['', '', ':>8', ':^9', ':.3', ':{w}', ':{p}', ':*<{w}', ':+', ':x', ':.2f', ':,', ':.{p}'])
        parts.append('{' + name + conv + spec + '}')
    f = ''.join(parts)
    st, out = run(lambda: f.format(*sf_args, **sf_kwargs))
    emit('sfmt_call', f, st, out)

with open(OUT, 'w', encoding='utf-8') as fh:
    fh.write('\n'.join(lines) + '\n')
print(len(lines), 'cases')
