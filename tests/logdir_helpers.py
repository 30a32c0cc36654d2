"""TensorFlow's own reading of event files, the reference graphscope's readers are checked
against, and the framing of event files written for tests."""

import struct


def tensorflow_scalars(tf, files) -> dict:
    """Tag -> [(step, wall_time, value)] as ``tf.compat.v1.train.summary_iterator`` reads the
    files: TF1 ``simple_value`` and TF2 ``scalars``-plugin tensors (through ``tf.make_ndarray``)."""
    found = {}
    for path in files:
        for event in tf.compat.v1.train.summary_iterator(str(path)):
            for value in event.summary.value:
                if value.HasField("simple_value"):
                    number = value.simple_value
                elif value.metadata.plugin_data.plugin_name == "scalars":
                    number = float(tf.make_ndarray(value.tensor))
                else:
                    continue
                found.setdefault(value.tag, []).append((event.step, event.wall_time, number))
    return found


def record_offsets(data: bytes) -> list:
    """Byte offset of each TFRecord in ``data`` (read from the length fields alone)."""
    offsets, position = [], 0
    while position < len(data):
        offsets.append(position)
        (length,) = struct.unpack_from("<Q", data, position)
        position += 8 + 4 + length + 4
    return offsets


def framed(*events) -> bytes:
    """Event messages (or raw record data, given as bytes) framed as an event file's records,
    with correct checksums."""
    from graphscope.tfrecord import frame

    return b"".join(frame(e if isinstance(e, bytes) else e.SerializeToString()) for e in events)
