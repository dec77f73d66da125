"""Tests NNLab's Jupyter kernel with real Jupyter clients (jupyter_client and nbclient).

Run by scripts/test-kernel, with JUPYTER_DATA_DIR pointing at a folder holding the installed kernelspec.
Part 1 executes demo.ipynb through the kernelspec with nbclient (a fit, a picture, an error, an interrupt)
and pictures.ipynb (each teaching picture as SVG, cell magics, magic lines among code);
part 2 talks to the kernel with jupyter_client: kernel_info, complete, inspect, is_complete, stdin for
pause(), SIGINT, a message with a bad signature, restart and shutdown. Prints 'N passed, N failed'.
"""

import os
import queue
import re
import signal
import sys
import time

import nbformat
import zmq
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

HERE = os.path.dirname(os.path.abspath(__file__))
results = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    if condition:
        results["passed"] += 1
        print(f"ok    {name}")
    else:
        results["failed"] += 1
        print(f"FAIL  {name}" + (f": {detail}" if detail else ""))


def text_of(outputs, kind=None):
    parts = []
    for output in outputs:
        if kind and output["output_type"] != kind:
            continue
        if output["output_type"] == "stream":
            parts.append(output["text"])
        elif output["output_type"] in ("execute_result", "display_data"):
            parts.append(output["data"].get("text/plain", ""))
        elif output["output_type"] == "error":
            parts.append("\n".join(output["traceback"]))
    return "".join(parts)


def run_notebook():
    notebook = nbformat.read(os.path.join(HERE, "demo.ipynb"), as_version=4)
    timeouts = lambda cell: 3 if "interrupt" in cell.metadata.get("tags", []) else 60
    client = NotebookClient(notebook, kernel_name="nnlab", timeout_func=timeouts, interrupt_on_timeout=True)
    start = time.monotonic()
    client.execute()
    print(f"notebook ran in {time.monotonic() - start:.1f} s")
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    data, fit, compare, picture, figure, error, interrupted, after = cells
    check("variables and execute_result", text_of(data.outputs, "execute_result") == "(200, 2)",
          repr(text_of(data.outputs)))
    check("execution counts go 1, 2, 3", [c.execution_count for c in cells[:3]] == [1, 2, 3],
          [c.execution_count for c in cells])
    fit_text = text_of(fit.outputs, "stream")
    check("a fit streams its epochs", "Epoch 1/5" in fit_text and "Epoch 5/5" in fit_text, fit_text[:300])
    check("the loss fell", text_of(compare.outputs) == "True", repr(text_of(compare.outputs)))
    displays = [o for o in picture.outputs if o["output_type"] == "display_data"]
    check("a picture is display_data", len(displays) == 1 and len(displays[0]["data"]["text/plain"]) > 100,
          repr(picture.outputs)[:300])
    check("plot_boundary is SVG too", displays and displays[0]["data"].get("image/svg+xml", "").startswith("<?xml"),
          repr(picture.outputs)[:300])
    figures = [o for o in figure.outputs if o["output_type"] == "display_data"]
    check("a matplotlib figure is SVG and text", len(figures) == 1
          and "<svg" in figures[0]["data"].get("image/svg+xml", "")
          and "training loss" in figures[0]["data"]["text/plain"], repr(figure.outputs)[:300])
    errors = [o for o in error.outputs if o["output_type"] == "error"]
    check("an error names the exception", len(errors) == 1 and errors[0]["ename"] == "NameError"
          and "undefined_name" in errors[0]["evalue"], repr(error.outputs)[:300])
    check("the traceback shows the line", errors and any("print(undefined_name + 1)" in line
                                                         for line in errors[0]["traceback"]), repr(errors)[:400])
    stopped = text_of(interrupted.outputs, "stream")
    check("an interrupt stops the fit after its batch", "Training interrupted at epoch" in stopped, stopped[:300])
    check("the weights stay and the session goes on", text_of(after.outputs).strip() == "True (2, 1)",
          repr(text_of(after.outputs)))


def svg_pictures(cell):
    """The cell's display_data outputs that carry an SVG beside their text."""
    return [o for o in cell.outputs if o["output_type"] == "display_data"
            and o["data"].get("text/plain") and o["data"].get("image/svg+xml", "").startswith("<?xml")]


def run_pictures_notebook():
    """pictures.ipynb: every teaching picture as SVG, and IPython's cell magics as Jupyter users expect."""
    notebook = nbformat.read(os.path.join(HERE, "pictures.ipynb"), as_version=4)
    client = NotebookClient(notebook, kernel_name="nnlab", timeout=120)
    start = time.monotonic()
    client.execute()
    print(f"pictures notebook ran in {time.monotonic() - start:.1f} s")
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    (_, boundary, diagram, values, heatmap, history, compare, live, capture, html, inside, timeit, bash,
     error) = cells
    for name, cell, count, mark in [("plot_boundary", boundary, 1, "<circle"), ("diagram(model)", diagram, 1, "<polyline"),
                                    ("diagram(model, x)", values, 1, "stroke-width"),
                                    ("heatmap", heatmap, 1, 'class="colorbar"'), ("plot(history)", history, 2, "<polyline"),
                                    ("compare", compare, 1, "<polyline"), ("fit(live=True)'s last frame", live, 1, "axes_2")]:
        pictures = svg_pictures(cell)
        check(f"{name} is text and SVG", len(pictures) == count and mark in pictures[-1]["data"]["image/svg+xml"],
              repr(cell.outputs)[:300])
    check("a live fit in a notebook prints its progress", "Epoch 2/2" in text_of(live.outputs, "stream"),
          text_of(live.outputs)[:300])
    check("%%capture runs the cell silently", capture.outputs == [], repr(capture.outputs)[:300])
    shown = [o for o in html.outputs if o["output_type"] == "display_data"]
    check("%%html is text/html", len(shown) == 1 and shown[0]["data"].get("text/html") == "<b>bold</b>",
          repr(html.outputs)[:300])
    inside_text = text_of(inside.outputs, "stream")
    check("magic and shell lines among code are skipped with a note, the rest runs",
          "(line 3: `!echo $i` is a shell command; skipped)" in inside_text
          and "(line 5: `%who` is a Jupyter magic; skipped)" in inside_text and inside_text.endswith("10\n"),
          repr(inside_text))
    check("%%timeit runs once and reports a time", re.search(r"^\S+ (µs|ms|s) for one run", text_of(timeit.outputs))
          is not None, repr(text_of(timeit.outputs)))
    check("%%bash is skipped with a note", "NNLab runs no other programs; skipped" in text_of(bash.outputs),
          repr(bash.outputs)[:300])
    errors = [o for o in error.outputs if o["output_type"] == "error"]
    check("an error after a skipped magic names its own line",
          errors and any(":3" in line and "print(missing_name)" in "".join(errors[0]["traceback"])
                         for line in errors[0]["traceback"]), repr(error.outputs)[:400])


def messages(client, parent_id, until_idle=True, timeout=30):
    """IOPub messages caused by one request, up to its idle status."""
    found = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            message = client.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        if message["parent_header"].get("msg_id") != parent_id:
            continue
        found.append(message)
        if until_idle and message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            break
    return found


def stream_text(found):
    return "".join(m["content"]["text"] for m in found if m["msg_type"] == "stream")


def talk_to_kernel():
    manager = KernelManager(kernel_name="nnlab")
    start = time.monotonic()
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=30)
    print(f"kernel ready (kernel_info answered) {time.monotonic() - start:.2f} s after start")
    try:
        heart = zmq.Context.instance().socket(zmq.REQ)
        heart.connect(f"{manager.transport}://{manager.ip}:{manager.hb_port}")
        heart.send(b"ping \x00\xff")
        check("heartbeats are echoed", heart.poll(5000) and heart.recv() == b"ping \x00\xff")
        heart.close(linger=0)
        info = client.kernel_info(reply=True, timeout=10)["content"]
        check("kernel_info", info["protocol_version"] == "5.3" and info["language_info"]["file_extension"] == ".nn"
              and info["language_info"]["pygments_lexer"] == "python", repr(info)[:300])
        client.execute("import numpy as np\nX, y = make_xor(n_samples=200, random_state=0)", reply=True, timeout=30)
        completion = client.complete("np.ze", reply=True, timeout=10)["content"]
        check("complete", "np.zeros" in completion["matches"] and completion["cursor_start"] == 0
              and completion["cursor_end"] == 5, repr(completion)[:300])
        inspection = client.inspect("np.zeros", reply=True, timeout=10)["content"]
        check("inspect", inspection["found"] and "zeros" in inspection["data"]["text/plain"], repr(inspection)[:300])
        client.is_complete("for i in range(3):")
        incomplete = client.get_shell_msg(timeout=10)["content"]
        client.is_complete("1 + 1")
        complete = client.get_shell_msg(timeout=10)["content"]
        check("is_complete", incomplete["status"] == "incomplete" and incomplete["indent"] == "    "
              and complete["status"] == "complete", repr((incomplete, complete)))

        prompts, printed = [], []

        def answer(message):
            prompts.append(message["content"]["prompt"])
            client.input("Ada" if len(prompts) == 2 else "")

        def collect(message):
            if message["msg_type"] == "stream":
                printed.append(message["content"]["text"])

        reply = client.execute_interactive("pause('Ready?')\nname = input('Name? ')\nprint('hello', name)",
                                           allow_stdin=True, timeout=30, stdin_hook=answer, output_hook=collect)
        check("pause() and input() ask on stdin", prompts == ["Ready?", "Name? "] and "".join(printed) == "hello Ada\n"
              and reply["content"]["status"] == "ok", repr((prompts, printed)))

        # SIGINT, as a kernelspec with interrupt_mode 'signal' (or a terminal's Ctrl-C) sends it.
        source = ("import tensorflow as tf\nm = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n"
                  "m.compile(loss='mse', optimizer='sgd')\nh = m.fit(X, y, epochs=1000000, verbose=0)\n"
                  "len(h.history['loss'])")
        parent = client.execute(source)
        time.sleep(1.5)
        os.kill(manager.provisioner.process.pid, signal.SIGINT)
        found = messages(client, parent)
        reply = client.get_shell_msg(timeout=10)
        results_text = [m["content"]["data"]["text/plain"] for m in found if m["msg_type"] == "execute_result"]
        check("SIGINT stops a fit", reply["content"]["status"] == "ok" and "Training interrupted" in stream_text(found)
              and results_text and int(results_text[0]) < 1000000, repr(stream_text(found))[:300])

        # A message whose signature is wrong gets no reply, and the kernel goes on.
        socket = zmq.Context.instance().socket(zmq.DEALER)
        socket.connect(f"{manager.transport}://{manager.ip}:{manager.shell_port}")
        header = b'{"msg_id":"forged","msg_type":"execute_request","session":"x","username":"x","version":"5.3"}'
        content = b'{"code":"print(1)","silent":false}'
        socket.send_multipart([b"<IDS|MSG>", b"0" * 64, header, b"{}", b"{}", content])
        check("a bad signature gets no reply", socket.poll(1500) == 0)
        socket.close()
        check("the kernel lives on", client.kernel_info(reply=True, timeout=10)["content"]["status"] == "ok")

        # After a failing cell, cells already queued behind it are aborted, as in IPython.
        first = client.execute("import time\ntime.sleep(0.5)\n1 / 0")  # the second is queued meanwhile
        second = client.execute("print('should not run')")
        replies = {}
        while len(replies) < 2:
            message = client.get_shell_msg(timeout=30)
            replies[message["parent_header"]["msg_id"]] = message["content"]
        check("cells queued after an error are aborted", replies[first]["status"] == "error"
              and replies[first]["ename"] == "ZeroDivisionError"
              and replies[first]["evalue"] == "division by zero" and replies[second]["status"] == "aborted",
              repr(replies)[:300])

        manager.restart_kernel(now=False)
        client.wait_for_ready(timeout=30)
        reply = client.execute("X", reply=True, timeout=30)["content"]
        check("a restart starts a fresh session", reply["status"] == "error" and reply["ename"] == "NameError",
              repr(reply)[:300])
    finally:
        client.stop_channels()
        process = manager.provisioner.process if manager.provisioner else None
        start = time.monotonic()
        manager.shutdown_kernel(now=False)
        code = process.returncode if process else None
        check("shutdown ends the kernel by itself", code == 0 and time.monotonic() - start < 10,
              f"exit code {code} after {time.monotonic() - start:.1f} s")


def main():
    start = time.monotonic()
    run_notebook()
    run_pictures_notebook()
    talk_to_kernel()
    print(f"kernel tests took {time.monotonic() - start:.1f} s")
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
