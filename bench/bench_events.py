"""Reading a large event file: graphscope's read_scalars vs TensorFlow's summary_iterator.

Writes a log of STEPS events (two TF1 ``simple_value`` tags and two TF2 tensor scalar
tags per step) with graphscope's writer, then, in the same process, reads every scalar
with graphscope and with ``tf.compat.v1.train.summary_iterator`` (plus ``tf.make_ndarray``
for tensor scalars), checks that both agree, and prints the times and their ratio. Then
end to end, as fresh processes: ``graphscope logdir FILE`` against a script that imports
TensorFlow and iterates the same file. Run: ``python bench/bench_events.py [STEPS]``.
"""

import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.logdir_helpers

from graphscope.event_writer import write_events  # noqa: E402
from graphscope.protos import Event, Summary, TensorProto  # noqa: E402
from graphscope.scalars import read_scalars  # noqa: E402
from tests.logdir_helpers import tensorflow_scalars  # noqa: E402


def synthetic_events(steps: int) -> list:
    events = [Event(wall_time=0.0, file_version="brain.Event:2")]
    for step in range(steps):
        summary = Summary()
        summary.value.add(tag="loss_1", simple_value=1.0 / (step + 1))
        summary.value.add(tag="accuracy_1", simple_value=step / steps)
        for tag, value in (("lr", 0.1 * 0.999 ** step), ("grad_norm", float(step % 97))):
            tensor = TensorProto(dtype=1, tensor_content=struct.pack("<f", value))
            tensor.tensor_shape.SetInParent()
            entry = summary.value.add(tag=tag, tensor=tensor)
            entry.metadata.plugin_data.plugin_name = "scalars"
        events.append(Event(wall_time=1.0 + step, step=step, summary=summary))
    return events


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


TENSORFLOW_SCRIPT = """
import sys, tensorflow as tf
sum(1 for e in tf.compat.v1.train.summary_iterator(sys.argv[1]) for v in e.summary.value)
"""


def process_seconds(command) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(steps: int):
    import tensorflow as tf

    with tempfile.TemporaryDirectory() as logdir:
        path = write_events(synthetic_events(steps), logdir)
        size = path.stat().st_size
        tf_seconds, theirs = timed(tensorflow_scalars, tf, [path])
        our_seconds, ours = timed(read_scalars, path)
        assert {tag: list(zip(s.steps, s.wall_times, s.values)) for tag, s in ours.items()} == theirs
        tf_process = process_seconds([sys.executable, "-c", TENSORFLOW_SCRIPT, str(path)])
        our_process = process_seconds([sys.executable, "-m", "graphscope", "logdir", str(path)])
    print(f"event file: {steps:,} events, {4 * steps:,} scalars, {size / 1e6:.1f} MB")
    print(f"in process:  tensorflow summary_iterator {tf_seconds:.2f} s, "
          f"graphscope read_scalars {our_seconds:.2f} s, ratio {tf_seconds / our_seconds:.2f}x")
    print(f"end to end:  python + tensorflow iterating {tf_process:.2f} s, "
          f"graphscope logdir {our_process:.2f} s, ratio {tf_process / our_process:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
