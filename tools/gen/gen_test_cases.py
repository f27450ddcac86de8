#!/usr/bin/env python3
"""Generate str_cases.txt: expected CPython results for engine::text tests.

    python3 gen_test_cases.py > str_cases.txt            # curated + sampled (<300 KB)
    python3 gen_test_cases.py --full > /tmp/full.txt     # + every code point + fuzz

Line format: fields separated by TAB; the first field is the operation, the
last is the expected result, the ones between are the arguments.  Tokens:
    s<text>   str (escaped, see esc())     N        None
    i<int>    int                          T / F    bool
    L<n>|a|b  list of n strs               P|a|b|c  3-tuple of strs
    E<msg>    the call raises (ValueError etc.) with message msg
"""
import random
import sys

I64_MAX = 2**63 - 1
I64_MIN = -(2**63)


def esc(s):
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "|":
            out.append("\\p")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch.isprintable() and ch != "\u00a0":
            out.append(ch)
        else:
            out.append("\\u{%x}" % ord(ch))
    return "".join(out)


def tok(v):
    if v is None:
        return "N"
    if v is True:
        return "T"
    if v is False:
        return "F"
    if isinstance(v, int):
        return "i%d" % v
    if isinstance(v, str):
        return "s" + esc(v)
    if isinstance(v, list):
        return "L%d" % len(v) + "".join("|" + esc(x) for x in v)
    if isinstance(v, tuple):
        assert len(v) == 3
        return "P" + "".join("|" + esc(x) for x in v)
    raise TypeError(v)


OUT = []


def case(op, args, fn):
    try:
        res = tok(fn())
    except ValueError as e:
        res = "E" + esc(str(e))
    OUT.append("\t".join([op] + [tok(a) for a in args] + [res]))


def cmp3(a, b):
    return (a > b) - (a < b)


# Plain strings used as `self`.
STRS = [
    "", " ", "a", "A", "abc", "ABC", "Abc", "aBC", "Hello, World", "hello world",
    "HELLO WORLD", "Hello World", "hello World", "  leading", "trailing  ",
    "  both  ", "a b  c", "a,b,,c", ",a,", ",,", "k=v=w", "xxhixx", "Mississippi",
    "mississippi", "one\ntwo\nthree", "one\ntwo\nthree\n", "they're bill's",
    "ß", "İ", "İstanbul", "ΣΑΣ", "ὈΔΥΣΣΕΎΣ", "ΑΣ ΑΣ' Σ", "aΣ", "Σ", "σς", "ΌΣΟΣ.",
    "Σ'Α", "A'Σ'", "ŉ", "ǰ", "ǅungla ǈ ǋ", "ǆ", "ﬁnance ﬀ ﬃ", "ﬁ", "ΐ", "ᾳ ᾼ ῼ",
    "안녕하세요 세계", "한국어 텍스트", "한글", "Ｈｅｌｌｏ",
    "perché così città è già più", "ÀÈÌÒÙ àèìòù", "Perché Così", "e\u0301", "a\u0308b",
    "\u0301a", "Ab\u0301c De\u0308f",
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2028\u2029\u202f\u205f\u3000",
    "a\u3000b\xa0c\u2003d", "\u200b", "line1\r\nline2\rline3\x85line4\u2028line5\x0bx\x0cy\x1cz\u2029",
    "\r\n\r\n", "\n\n", "\r", "a\r", "Ⅻ ⅻ", "١٢٣", "½", "²", "𝟙", "٣", "三", "0", "09",
    "1.5", "😀 ok", "😀", "\x00\x7f\x80\xad", "snake_case_1", "1abc", "_private", "__", "_",
    "x\ty\tz", "01\t012\t0123\t01234", "a\r\tb\n\tc", "\t", "+42", "-7", "7", "-", "+",
    "+-3", "-안", "ab", "abab", "aaa", "aaaa", "abcabc", "ℌ", "ⓐ", "Ⓐ", "ꝺ", "ǅ",
    "'it''s'", 'say "hi"', "both ' and \"", "back\\slash", "\x1b[0m", "\U0001F600\u200b\x85",
    "\ue000", "\U000e0001", "\u0378", "μ", "ﬆ", "ǈa", "aǈ", "DŽ", "A1b2", "a\u02b0", "ʰ",
    "Ⅷ", "ⅷ", "xⅧ", "ſ", "K", "Å", "ϴ", "ẞ", "ǲ", "tschüß", "ŉ ǰ ΐ",
]


def sample_strings(rng, n):
    pool = ("abcXYZ  \t\n\r,.'-_0123ßİΣσςǅﬁ안녕é\u0301\u00a0\u3000\u2028\x85"
            "😀½²Ⅻ" + "ΑΒΓαβγ")
    return ["".join(rng.choice(pool) for _ in range(rng.randint(0, 12))) for _ in range(n)]


CASE_OPS = ["upper", "lower", "title", "capitalize", "swapcase", "casefold"]
PRED_OPS = ["isalpha", "isdigit", "isdecimal", "isnumeric", "isalnum", "isspace",
            "islower", "isupper", "istitle", "isidentifier", "isprintable", "isascii"]


def cases(s):
    """upper, lower, title, capitalize, swapcase, casefold."""
    return [getattr(s, op)() for op in CASE_OPS]


def preds(s):
    """The 12 is*() predicates as "T"/"F" strings, in PRED_OPS order."""
    return ["T" if getattr(s, op)() else "F" for op in PRED_OPS]


IDX = [None, 0, 1, 2, 3, -1, -2, -3, 5, -5, 100, -100, I64_MAX, I64_MIN]


def gen(full):
    def k(small, big):
        return big if full else small

    rng = random.Random(20241125)
    strs = STRS + sample_strings(rng, k(20, 300))

    for s in strs:
        case("cases", [s], lambda: cases(s))
        case("preds", [s], lambda: preds(s))
        case("repr", [s], lambda: repr(s))
        case("ascii", [s], lambda: ascii(s))
        case("char_len", [s], lambda: len(s))
        for keep in (False, True):
            case("splitlines", [s, keep], lambda: s.splitlines(keep))
        case("strip", [s, None], lambda: s.strip())
        case("lstrip", [s, None], lambda: s.lstrip())
        case("rstrip", [s, None], lambda: s.rstrip())
        for ch in rng.sample(["x", "ab", "", " ", "hx", "à", "안", "ΣA", "\u3000 ", "+-"], k(1, 4)):
            for op in ("strip", "lstrip", "rstrip"):
                case(op, [s, ch], lambda: getattr(s, op)(ch))
        for sep in rng.sample([None, None, ",", " ", "=", "ss", "aa", "", "안", "\n", "Σ", "ab"], k(3, 12)):
            for ms in rng.sample([-1, -1, 0, 1, 2, 100, I64_MAX, I64_MIN], k(1, 4)):
                case("split", [s, sep, ms], lambda: s.split(sep, ms))
                case("rsplit", [s, sep, ms], lambda: s.rsplit(sep, ms))
        for sep in rng.sample([",", " ", "=", "ss", "", "안", "a", "l", "xyz"], k(1, 6)):
            case("partition", [s, sep], lambda: s.partition(sep))
            case("rpartition", [s, sep], lambda: s.rpartition(sep))
        subs = ["", "a", "ss", "l", "o", "안", "à", "xyz", "Σ", "\u0301", s, s[1:3], s[-2:]]
        for sub in rng.sample(subs, k(1, 8)):
            for op in ("find", "rfind", "count", "startswith", "endswith"):
                a = rng.choice(IDX)
                b = rng.choice(IDX)
                for st, en in [(a, b)] if not full else [(None, None), (a, None), (a, b)]:
                    case(op, [s, sub, st, en], lambda: getattr(s, op)(sub, st, en))
        reps = [("a", "X", -1), ("ss", "S", -1), ("", "-", -1), ("", "-", 2), ("", "", -1),
                ("", "x", 0), ("", "x", 1), ("l", "", -1), ("o", "00", 1), ("안", "ok", -1),
                ("Σ", "ς", 1), ("aa", "a", -1), ("abc", "abc", -1), (s, "", -1),
                (s[:1], "[" + s[:1] + "]", -1), ("x", "y", 0)]
        for old, new, cnt in rng.sample(reps, k(2, 12)):
            case("replace", [s, old, new, cnt], lambda: s.replace(old, new, cnt))
        for w in rng.sample([-5, 0, 1, 3, 5, 6, 10, 11], k(2, 6)):
            for fill in rng.sample([" ", "*", "안", "ß"], k(1, 3)):
                for op in ("center", "ljust", "rjust"):
                    case(op, [s, w, fill], lambda: getattr(s, op)(w, fill))
            case("zfill", [s, w], lambda: s.zfill(w))
        for ts in rng.sample([-1, 0, 1, 2, 3, 4, 8], k(2, 5)):
            case("expandtabs", [s, ts], lambda: s.expandtabs(ts))
        for p in rng.sample(["", "a", "H", "Hello", "안", s, s[:2], s[-2:], s + "x"], k(1, 6)):
            case("removeprefix", [s, p], lambda: s.removeprefix(p))
            case("removesuffix", [s, p], lambda: s.removesuffix(p))
        for i in rng.sample([0, 1, 2, -1, -2, 3, 5, -5, 100, -100, I64_MAX, I64_MIN], k(2, 8)):
            def at():
                try:
                    return s[i]
                except IndexError:
                    return None
            case("char_at", [s, i], at)
        for _ in range(k(3, 20)):
            a = rng.choice(IDX)
            b = rng.choice(IDX)
            c = rng.choice([None, 1, 1, 2, 3, -1, -1, -2, -3, 100, -100, I64_MAX, I64_MIN + 1, I64_MIN])
            case("slice", [s, a, b, c], lambda: s[a:b:c])
        t = rng.choice(strs)
        case("cmp", [s, t], lambda: cmp3(s, t))
        case("cmp", [s, s + "a"], lambda: cmp3(s, s + "a"))

    # The examples named in the spec.
    hw = "Hello, World"
    for st, en, stp in [(None, None, -1), (None, None, 2), (-5, -1, None)]:
        case("slice", [hw, st, en, stp], lambda: hw[st:en:stp])
    case("count", ["Mississippi".lower(), "ss", None, None], lambda: "mississippi".count("ss"))
    for s in ["it's", 'say "hi"', "tab\tx", "nl\n", "back\\slash", ""]:
        case("repr", [s], lambda: repr(s))
    case("cmp", ["a", "b"], lambda: -1)
    case("cmp", ["\uffff", "\U00010000"], lambda: cmp3("\uffff", "\U00010000"))
    case("cmp", ["\ue000", "\U00010000"], lambda: cmp3("\ue000", "\U00010000"))
    case("cmp", ["z", "é"], lambda: cmp3("z", "é"))

    # Single code points: case mappings, predicates, repr and ascii in one line.
    cps = [] if full else rng.sample(range(0x110000), 150)
    cps += [0x130, 0x131, 0xDF, 0x1E9E, 0x3A3, 0x3C2, 0x345, 0x1C5, 0x2160, 0xAD, 0x180E,
            0x2028, 0x85, 0xA0, 0x1680, 0xFEFF, 0x10FFFF, 0xE0001, 0x1F600, 0xAC00, 0xD7A3]
    if full:
        cps = list(range(0x110000))
    for cp in cps:
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        case("char", [c], lambda: cases(c) + preds(c) + [repr(c), ascii(c)])
    if full:
        ctx_cps = list(range(0x800)) + rng.sample(range(0x800, 0x110000), 100000)
        for cp in ctx_cps:
            if 0xD800 <= cp <= 0xDFFF:
                continue
            c = chr(cp)
            for ctx in ("a" + c, "A" + c + "a", "Σ" + c, "AΣ" + c, "A" + c + "Σ", c + "Σ",
                        "a" + c + "b"):
                case("cases", [ctx], lambda: cases(ctx))
                case("preds", [ctx], lambda: preds(ctx))
                case("split", [ctx, None, -1], lambda: ctx.split())
                case("splitlines", [ctx, True], lambda: ctx.splitlines(True))

    if full:
        for s in sample_strings(rng, 20000):
            case("cases", [s], lambda: cases(s))
            case("preds", [s], lambda: preds(s))
            case("repr", [s], lambda: repr(s))
            case("ascii", [s], lambda: ascii(s))
            case("split", [s, None, -1], lambda: s.split())
            case("rsplit", [s, None, 1], lambda: s.rsplit(None, 1))
            case("splitlines", [s, True], lambda: s.splitlines(True))
            case("strip", [s, None], lambda: s.strip())
            a, b, c = rng.choice(IDX), rng.choice(IDX), rng.choice([None, 1, 2, -1, -2, -3])
            case("slice", [s, a, b, c], lambda: s[a:b:c])
            case("expandtabs", [s, 4], lambda: s.expandtabs(4))


def main():
    gen("--full" in sys.argv)
    sys.stdout.write("\n".join(OUT) + "\n")


if __name__ == "__main__":
    main()
