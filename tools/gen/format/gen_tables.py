import unicodedata
r=[];start=None
for c in range(0x110000):
  np = not chr(c).isprintable()
  if np and start is None: start=c
  if not np and start is not None: r.append((start,c-1)); start=None
if start is not None: r.append((start,0x10ffff))
sp=[c for c in range(0x110000) if chr(c).isspace()]
z=[c for c in range(0x110000) if unicodedata.decimal(chr(c),None)==0]
out=[]
out.append("/// Ranges (inclusive) of code points that Python 3.11 (Unicode 14.0) considers non-printable.")
out.append("static NON_PRINTABLE: &[(u32, u32)] = &[")
line="    "
for a,b in r:
    item="(0x%X, 0x%X), "%(a,b)
    if len(line)+len(item)>96:
        out.append(line.rstrip()); line="    "
    line+=item
out.append(line.rstrip())
out.append("];")
out.append("/// Code points for which `str.isspace()` is true in Python 3.11.")
out.append("static PY_SPACES: &[u32] = &[" + ", ".join("0x%X"%c for c in sp) + "];")
out.append("/// Code points of the digit zero of every Unicode decimal-digit run (Nd), each run is 10 long.")
zs=", ".join("0x%X"%c for c in z)
out.append("static DECIMAL_ZEROS: &[u32] = &[")
line="    "
for c in z:
    item="0x%X, "%c
    if len(line)+len(item)>96:
        out.append(line.rstrip()); line="    "
    line+=item
out.append(line.rstrip())
out.append("];")
open("tables.rs","w").write("\n".join(out)+"\n")
