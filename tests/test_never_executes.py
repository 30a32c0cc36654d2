"""graphscope reads a SavedModel; it never runs it. Two SavedModels here write a file when
run: a TF2 one from its serving function, a TF1 one from the init op that
``tf.saved_model.load`` runs. Every command, and the terminal UI, on both: no file, and
TensorFlow not even imported. Then TensorFlow itself runs them, to show they would have."""

import subprocess
import sys

import pytest

GRAPHSCOPE = [sys.executable, "-m", "graphscope"]
HEAVY = ("tensorflow", "keras")


@pytest.fixture(scope="module")
def booby_trapped(tf, tmp_path_factory):
    """``(SavedModel directories, marker file)``: each model writes the marker when run."""
    root = tmp_path_factory.mktemp("trapped")
    marker = root / "it_ran.txt"

    class Trap(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([], tf.string)])
        def serve(self, text):
            tf.io.write_file(str(marker), text)
            return {"echo": text}

    trap = Trap()
    tf.saved_model.save(trap, str(root / "tf2"), signatures={"serving_default": trap.serve})

    with tf.Graph().as_default(), tf.compat.v1.Session() as session:
        text = tf.compat.v1.placeholder(tf.string, [], name="text")
        write = tf.io.write_file(str(marker), tf.constant("the init op ran"), name="write_marker")
        builder = tf.compat.v1.saved_model.Builder(str(root / "tf1"))
        signature = tf.compat.v1.saved_model.predict_signature_def({"text": text}, {"echo": tf.identity(text)})
        builder.add_meta_graph_and_variables(session, ["serve"], signature_def_map={"serving_default": signature},
                                             main_op=write)
        builder.save()
    assert not marker.exists()
    return [root / "tf2", root / "tf1"], marker


def _heavy_imports_of(code: str, *args) -> set:
    """Run ``code`` in a fresh interpreter; the heavy modules it imported."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{m.partition('.')[0] for m in sys.modules}})))"
    done = subprocess.run([sys.executable, "-c", probe, *map(str, args)], capture_output=True, text=True,
                          timeout=120, check=True)
    return set(done.stdout.split()) & set(HEAVY)


COMMANDS = """
import contextlib, io, sys
from graphscope.cli import main
model, out = sys.argv[1], sys.argv[2]
with contextlib.redirect_stdout(io.StringIO()):
    for argv in (["summary", model], ["summary", model, "--json"], ["nodes", model],
                 ["export", model, "-o", out + "/m.svg"], ["export", model, "-o", out + "/m.json"],
                 ["tensorboard", model, "--logdir", out + "/logs"], ["logdir", out + "/logs"]):
        assert main(argv) == 0, argv
"""

TUI = """
import asyncio, sys
import graphscope
from graphscope.tui.app import GraphscopeApp

async def explore():
    app = GraphscopeApp(graphscope.load(sys.argv[1]), export_dir=sys.argv[2])
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("down", "down", "n", "plus", "e", "n", "t"):
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
asyncio.run(explore())
"""


def test_commands_and_the_ui_read_a_saved_model_without_running_it(booby_trapped, tf, tmp_path):
    models, marker = booby_trapped
    for number, model in enumerate(models):
        out = tmp_path / str(number)
        out.mkdir()
        assert _heavy_imports_of(COMMANDS, model, out) == set()
        assert _heavy_imports_of(TUI, model, out) == set()
        assert {p.name for p in out.iterdir()} >= {"m.svg", "m.json", "logs"}
        assert any(p.suffix == ".svg" for p in out.iterdir() if p.name != "m.svg")  # the UI's export
    assert not marker.exists()
    # the control: run by TensorFlow, each does write the file
    tf.saved_model.load(str(models[1]))
    assert marker.read_text() == "the init op ran"
    tf.saved_model.load(str(models[0])).serve(tf.constant("the function ran"))
    assert marker.read_text() == "the function ran"
