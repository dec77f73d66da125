"""Appends `# expect:` lines to an NNLab test program from what real Python prints for it.

NNLab programs in the language's subset are valid Python; the expectations of the annotated test
programs (Tests/NNLangTests/Programs) are therefore recorded from Python itself (NumPy, TensorFlow's
Keras), so the tests check NNLab against the real thing. Usage:

    /tmp/tfenv/bin/python scripts/annotate_expectations.py Tests/NNLangTests/Programs/02_numpy_arrays.nn

Existing `# expect:` lines are replaced. Lines TensorFlow logs to stdout at import are dropped.
"""
import os
import subprocess
import sys

NOISE = ("cpu_feature_guard", "To enable the following instructions", "oneDNN custom operations")

for path in sys.argv[1:]:
    with open(path) as f:
        lines = [line for line in f.read().split("\n") if not line.startswith("# expect:")]
    while lines and lines[-1] == "":
        lines.pop()
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    result = subprocess.run([sys.executable, path], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"{path}: Python failed:\n{result.stderr}")
    output = [line for line in result.stdout.split("\n") if not any(n in line for n in NOISE)]
    if output and output[-1] == "":
        output.pop()
    with open(path, "w") as f:
        f.write("\n".join(lines + [""] + [f"# expect: {line}" for line in output]) + "\n")
    print(f"{path}: {len(output)} expected lines")
