"""Records `# expect:` lines for a test program that draws with matplotlib.

Real Python (with matplotlib's Agg backend) prints the program's non-picture lines; NNLab prints
those and its terminal drawings. This script checks that Python's lines appear, in order, in what
`nn` prints, and then records nn's whole output as the expectations: the drawings on purpose, the
prints as Python wrote them. Usage (from the repository, after `swift build`):

    /tmp/venv-corpus/bin/python scripts/record_picture_expectations.py Tests/NNLangTests/Programs/120_pyplot_lines.nn
"""
import os
import subprocess
import sys

for path in sys.argv[1:]:
    with open(path) as f:
        lines = [line for line in f.read().split("\n") if not line.startswith("# expect:")]
    while lines and lines[-1] == "":
        lines.pop()
    env = dict(os.environ, MPLBACKEND="Agg", TF_CPP_MIN_LOG_LEVEL="3")
    python = subprocess.run([sys.executable, path], capture_output=True, text=True, env=env)
    if python.returncode != 0:
        sys.exit(f"{path}: Python failed:\n{python.stderr}")
    nn = subprocess.run([".build/debug/nn", path], capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))
    if nn.returncode != 0:
        sys.exit(f"{path}: nn failed:\n{nn.stderr}")
    printed = nn.stdout.split("\n")
    if printed and printed[-1] == "":
        printed.pop()
    position = 0
    for line in [line for line in python.stdout.split("\n") if line != ""]:
        while position < len(printed) and printed[position] != line:
            position += 1
        if position == len(printed):
            sys.exit(f"{path}: Python printed {line!r}, which nn does not print in that order")
        position += 1
    with open(path, "w") as f:
        f.write("\n".join(lines + [""] + [f"# expect: {line}" for line in printed]) + "\n")
    print(f"{path}: {len(printed)} expected lines ({len(python.stdout.splitlines())} checked against Python)")
