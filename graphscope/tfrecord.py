"""TFRecord framing, as TensorBoard event files use it.

Each record: uint64 little-endian length, uint32 masked CRC32C of those 8 bytes, the
data, uint32 masked CRC32C of the data.
"""

import io
import struct

import google_crc32c

_MASK_DELTA = 0xA282EAD8
_HEADER = struct.Struct("<QI")
_FOOTER = struct.Struct("<I")


def masked_crc(data: bytes) -> int:
    """TFRecord's masked CRC32C of ``data``.

    >>> hex(masked_crc(b""))
    '0xa282ead8'
    """
    crc = google_crc32c.value(data)
    return (((crc >> 15) | (crc << 17)) + _MASK_DELTA) & 0xFFFFFFFF


def starts_with_record(data: bytes) -> bool:
    """Whether ``data`` begins with a TFRecord header whose length checksum holds.

    >>> starts_with_record(frame(b"x")), starts_with_record(b"\\n\\x05input")
    (True, False)
    """
    if len(data) < _HEADER.size:
        return False
    return masked_crc(data[:8]) == _HEADER.unpack(data[:_HEADER.size])[1]


def frame(data: bytes) -> bytes:
    """``data`` framed as one TFRecord.

    >>> len(frame(b"abc"))
    19
    """
    length = struct.pack("<Q", len(data))
    return length + struct.pack("<I", masked_crc(length)) + data + _FOOTER.pack(masked_crc(data))


class RecordReader:
    """Iterate the records of a TFRecord file, checking both CRCs of each.

    Iteration stops at the first damage (truncation, bad length CRC, bad data CRC); the
    records before it are yielded, and ``damage`` then describes what was found, in one
    line, or stays ``None`` for an intact file. A length running past the end of a seekable
    stream is truncation, found before anything is read.

    >>> import io
    >>> reader = RecordReader(io.BytesIO(frame(b"one") + frame(b"two")[:-3]))
    >>> list(reader), reader.damage
    ([b'one'], 'record 2 at byte 19 is truncated')
    """

    def __init__(self, stream):
        self._stream = stream
        self.damage = None
        self.count = 0

    def _bytes_left(self):
        """How many bytes the stream holds from where it is; ``None`` when it cannot seek."""
        try:
            here = self._stream.tell()
            left = self._stream.seek(0, io.SEEK_END) - here
            self._stream.seek(here)
        except (OSError, ValueError):  # io.UnsupportedOperation is both
            return None
        return left

    def __iter__(self):
        size = self._bytes_left()
        offset = 0
        while True:
            header = self._stream.read(_HEADER.size)
            if not header:
                return
            number = self.count + 1
            if len(header) < _HEADER.size:
                self.damage = f"record {number} at byte {offset} is truncated"
                return
            length, length_crc = _HEADER.unpack(header)
            if masked_crc(header[:8]) != length_crc:
                self.damage = f"record {number} at byte {offset} has a bad length checksum"
                return
            past_end = size is not None and offset + _HEADER.size + length + _FOOTER.size > size
            body = b"" if past_end else self._stream.read(length + _FOOTER.size)
            if len(body) < length + _FOOTER.size:
                self.damage = f"record {number} at byte {offset} is truncated"
                return
            data = body[:length]
            if masked_crc(data) != _FOOTER.unpack(body[length:])[0]:
                self.damage = f"record {number} at byte {offset} has a bad data checksum"
                return
            self.count = number
            offset += _HEADER.size + len(body)
            yield data
