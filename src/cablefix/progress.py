"""Progress of the ``cablefix`` command: bytes read of each input's size.

The bar counts the bytes the readers take from the input, so it has a total
and an estimate of the time left for a file of any format, one large text
file included (whose bar fills as it is read, before its one record is
cleaned).  Drawn by tqdm on standard error.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from typing import IO, Any, Optional


class CountedStream:
    """A binary stream whose reads move a progress bar by the bytes they
    return.  Closing it closes the bar, not the stream.

    >>> import io
    >>> class Bar:
    ...     n = 0
    ...     def update(self, k): self.n += k
    ...     def close(self): pass
    >>> bar = Bar(); stream = CountedStream(io.BufferedReader(io.BytesIO(b"the Regime,s view")), bar)
    >>> stream.peek(3)[:3], stream.read(4), stream.read1(100), bar.n
    (b'the', b'the ', b'Regime,s view', 17)
    """

    def __init__(self, stream: IO[bytes], bar: Any) -> None:
        self._stream = stream
        self._bar = bar

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._bar.update(len(data))
        return data

    def read1(self, size: int = -1) -> bytes:
        read1 = getattr(self._stream, "read1", self._stream.read)
        data = read1(size)
        self._bar.update(len(data))
        return data

    def peek(self, size: int = 0) -> bytes:
        return self._stream.peek(size)  # type: ignore[attr-defined, no-any-return]

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._bar.close()

    @property
    def closed(self) -> bool:
        return self._stream.closed


def size_of(stream: IO[bytes]) -> Optional[int]:
    """The size of the regular file ``stream`` reads as it is, else ``None``
    (a pipe; a compressed file, whose bytes out are not its size)."""
    raw = getattr(stream, "raw", None)
    if not isinstance(raw, io.FileIO):
        return None
    try:
        info = os.fstat(raw.fileno())
    except OSError:
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def counted(stream: IO[bytes], name: str, enabled: bool) -> IO[bytes]:
    """``stream`` with a progress bar on standard error when ``enabled``,
    its total the file's size where it has one (:func:`size_of`)."""
    if not enabled or sys.stderr is None:
        return stream
    from tqdm import tqdm

    total = size_of(stream)
    bar = tqdm(total=total, desc=name, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr, dynamic_ncols=True)
    return CountedStream(stream, bar)  # type: ignore[return-value]
