"""Checks that the notebooks NNLab writes are valid nbformat 4.5, written as Jupyter writes them.

Validates, with the reference `nbformat` package (its JSON schema): every lesson turned into a
notebook by `nn --to-notebook`, a REPL session saved by `%save session.ipynb`, and the notebook
fixtures in Tests/TranscriptTests/Scripts (152 was written by `%save`). Each file NNLab wrote must
also be byte for byte what `nbformat.writes` makes of it. The Swift tests need no Python: they
compare NNLab's writer with these fixtures. Usage (nbformat from PyPI in any venv):

    python3 -m venv /tmp/venv-notebooks && /tmp/venv-notebooks/bin/pip install nbformat
    /tmp/venv-notebooks/bin/python scripts/validate_notebooks.py [.build/debug/nn]
"""
import glob
import os
import subprocess
import sys
import tempfile

import nbformat

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/nn"))
SESSION = "\n".join([
    "import numpy as np",
    "x = np.arange(4)",
    "print('sum', x.sum())",
    "x * 2",
    "x + undefined",
    "for i in range(2):\n    print(i)\n",
    "%save -f {path}",
]) + "\n"

failures = []


def check(path, written_by_nnlab):
    try:
        notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        nbformat.validate(notebook)
    except Exception as error:  # the schema's message names the field
        failures.append(f"{path}: {error}")
        return
    if (notebook.nbformat, notebook.nbformat_minor) < (4, 5):
        failures.append(f"{path}: nbformat {notebook.nbformat}.{notebook.nbformat_minor}, not 4.5")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if written_by_nnlab and text != nbformat.writes(notebook) + "\n":
        failures.append(f"{path}: valid, but not written as nbformat writes it")
    if written_by_nnlab and notebook.metadata.get("kernelspec", {}).get("name") != "nnlab":
        failures.append(f"{path}: the kernelspec is not nnlab")


with tempfile.TemporaryDirectory() as folder:
    checked = 0
    for lesson in sorted(glob.glob(os.path.join(ROOT, "lessons", "*.nn"))):
        out = os.path.join(folder, os.path.basename(lesson)[:-3] + ".ipynb")
        with open(out, "w", encoding="utf-8") as f:
            subprocess.run([NN, "--to-notebook", lesson], stdout=f, check=True)
        check(out, True)
        checked += 1
    session = os.path.join(folder, "session.ipynb")
    subprocess.run([NN], input=SESSION.format(path=session), text=True, capture_output=True, check=True)
    check(session, True)
    checked += 1
    for fixture in sorted(glob.glob(os.path.join(ROOT, "Tests/TranscriptTests/Scripts/*.ipynb"))):
        check(fixture, "saved-session" in fixture)
        checked += 1

for failure in failures:
    print(failure)
print(f"{checked - len(failures)} of {checked} notebooks valid (nbformat {nbformat.__version__})")
sys.exit(1 if failures else 0)
