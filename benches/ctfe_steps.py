"""Sums the compiler's const-evaluation step log (RUSTC_LOG=rustc_const_eval=info)
read on stdin: the total number of steps (MIR statements and terminators
evaluated), then the functions taking the most, by their own steps and by
steps including their callees. Run through benches/ctfe-steps.sh."""
import collections
import sys

FRAME = "rustc_const_eval::interpret::stack::frame frame="
own = collections.Counter()
calls = collections.Counter()
incl = collections.Counter()
kinds = collections.Counter()
stack = []
for line in sys.stdin:
    s = line.lstrip(" ")
    depth = len(line) - len(s)
    if s.startswith(FRAME):
        # A frame's line is indented 2k+1 for call depth k, its steps 2k+2.
        k = (depth - 1) // 2
        name = s[len(FRAME):].strip()
        del stack[k:]
        stack.append(name)
        calls[name] += 1
    elif "interpret::step " in s:
        step = s.split("interpret::step ", 1)[1]
        if step.startswith("//"):
            continue  # a block entry, logged but not a step
        k = (depth - 2) // 2
        if k >= len(stack):
            continue
        own[stack[k]] += 1
        for name in set(stack[: k + 1]):
            incl[name] += 1
        if step.startswith("Storage"):
            kinds["StorageLive/Dead"] += 1
        elif step.startswith("assert"):
            kinds["assert"] += 1
        elif " -> " in step:
            kinds["call or jump"] += 1
        else:
            kinds["other"] += 1
try:
    print("total steps", sum(own.values()), dict(kinds))
    print("--- own steps, calls, function")
    for name, n in own.most_common(30):
        print(f"{n:>9} {calls[name]:>8} {name[:110]}")
    print("--- steps with callees, calls, function")
    for name, n in incl.most_common(20):
        print(f"{n:>9} {calls[name]:>8} {name[:110]}")
except BrokenPipeError:
    pass
