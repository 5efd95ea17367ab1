"""What an uploaded recording is, read from its first and last bytes: never from its name.

An agent's file may be anything (a renamed PDF, a truncated upload, a header
declaring a ten-hour meeting): only MP3, M4A, WAV and OGG are accepted, each
recognised by its magic bytes, and the length is read from the header when the
format declares it (WAV data size, MP3 Xing/VBRI frame count or constant bit rate,
M4A `mvhd`, OGG last granule). Every walk below is bounded (a fixed number of
chunks or boxes), so a hostile header costs a refusal, never a loop.
"""

from __future__ import annotations

import mmap
import os
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from collectivia.core.errors import InvalidInput

FORMATS = "MP3, M4A, WAV ou OGG"
MAX_WALK = 64            # chunks or boxes looked at before giving up on a header
NOT_AUDIO = (f"Ce fichier n'est pas un enregistrement audio reconnu ({FORMATS}) : son contenu "
             "ne correspond à aucun de ces formats, quelle que soit son extension. Rien n'a été "
             "enregistré.")

# An upload's bytes: in memory, or its temporary file mapped (`mapped`); both slice alike
Recording = bytes | mmap.mmap


@dataclass(frozen=True)
class AudioInfo:
    format: str                  # "mp3", "m4a", "wav", "ogg"
    seconds: float | None        # None when the header does not tell

    @property
    def length_label(self) -> str:
        if self.seconds is None:
            return "durée inconnue"
        minutes, seconds = divmod(round(self.seconds), 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {seconds:02d} s"


@contextmanager
def mapped(file: BinaryIO) -> Iterator[Recording]:
    """An uploaded file's bytes, mapped from its temporary file rather than read into memory:
    `inspect`, hashing and storing read the pages they need, the OS drops them after."""
    file.seek(0, os.SEEK_END)
    if not file.tell():
        yield b""
        return
    descriptor = file.fileno()          # a spooled upload is moved to disk first
    file.flush()
    view = mmap.mmap(descriptor, 0, access=mmap.ACCESS_READ)
    try:
        yield view
    finally:
        view.close()


def _broken(what: str) -> InvalidInput:
    return InvalidInput(f"Ce fichier se présente comme un enregistrement {what} mais son en-tête "
                        "est illisible ou incohérent (fichier tronqué ou altéré). Rien n'a été "
                        "enregistré.")


def inspect(data: Recording, *, max_bytes: int, max_seconds: float) -> AudioInfo:
    """The recording's format and length, or InvalidInput with a French reason."""
    if not data:
        raise InvalidInput("Le fichier envoyé est vide. Rien n'a été enregistré.")
    if len(data) > max_bytes:
        raise InvalidInput(f"L'enregistrement dépasse la taille admise ({max_bytes / 1e6:.0f} Mo "
                           "au plus). Rien n'a été enregistré.")
    for reader in (_wav, _ogg, _m4a, _mp3):
        try:
            info = reader(data)
        except (struct.error, IndexError, ValueError, ZeroDivisionError):
            # a header that announces more than the file holds: damaged, whatever the format
            raise InvalidInput("L'enregistrement est endommagé : son en-tête ne correspond pas à "
                               "son contenu. Rien n'a été enregistré.") from None
        if info is not None:
            break
    else:
        raise InvalidInput(NOT_AUDIO)
    if info.seconds is not None and info.seconds > max_seconds:
        raise InvalidInput(f"L'enregistrement dure {info.length_label}, plus que la durée admise "
                           f"({max_seconds / 3600:g} h au plus) : découpez-le. Rien n'a été "
                           "enregistré.")
    return info


def _wav(data: Recording) -> AudioInfo | None:
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    position, byte_rate, data_size = 12, 0, None
    for _ in range(MAX_WALK):
        if position + 8 > len(data):
            break
        chunk, size = data[position:position + 4], struct.unpack_from("<I", data, position + 4)[0]
        if chunk == b"fmt ":
            if size < 16 or position + 24 > len(data):
                raise _broken("WAV")
            byte_rate = struct.unpack_from("<I", data, position + 16)[0]
        elif chunk == b"data":
            data_size = min(size, len(data) - position - 8)
            break
        position += 8 + size + (size & 1)
    if not byte_rate or data_size is None:
        raise _broken("WAV")
    return AudioInfo("wav", data_size / byte_rate)


def _ogg(data: Recording) -> AudioInfo | None:
    if data[:4] != b"OggS":
        return None
    head = data[:4096]
    if b"OpusHead" in head:
        rate = 48_000                       # Opus granules always count 48 kHz samples
    elif (at := head.find(b"\x01vorbis")) >= 0 and at + 16 <= len(head):
        rate = struct.unpack_from("<I", head, at + 12)[0]
    elif b"fLaC" in head or b"Speex" in head:
        rate = 0                            # accepted, length not read
    else:
        raise _broken("OGG")
    last = data.rfind(b"OggS", max(0, len(data) - 65_536))
    if not rate or last < 0 or last + 14 > len(data):
        return AudioInfo("ogg", None)
    granule = struct.unpack_from("<q", data, last + 6)[0]
    return AudioInfo("ogg", granule / rate if granule > 0 else None)


def _boxes(data: Recording, start: int, end: int):
    """(type, body start, body end) of the ISO-BMFF boxes between start and end, bounded."""
    position = start
    for _ in range(MAX_WALK):
        if position + 8 > end:
            return
        size, kind = struct.unpack_from(">I4s", data, position)
        header = 8
        if size == 1 and position + 16 <= end:
            size, header = struct.unpack_from(">Q", data, position + 8)[0], 16
        elif size == 0:
            size = end - position
        if size < header:
            raise _broken("M4A")
        yield kind, position + header, min(position + size, end)
        position += size


def _m4a(data: Recording) -> AudioInfo | None:
    if data[4:8] != b"ftyp":
        return None
    if not 16 <= struct.unpack_from(">I", data, 0)[0] <= min(len(data), 4096):
        raise _broken("M4A")
    for kind, start, end in _boxes(data, 0, len(data)):
        if kind != b"moov":
            continue
        for inner, body, inner_end in _boxes(data, start, end):
            if inner != b"mvhd":
                continue
            if body + 32 > inner_end:
                raise _broken("M4A")
            if data[body] == 1:
                timescale, duration = struct.unpack_from(">IQ", data, body + 20)
            else:
                timescale, duration = struct.unpack_from(">II", data, body + 12)
            if not timescale:
                raise _broken("M4A")
            return AudioInfo("m4a", duration / timescale)
    raise _broken("M4A")                     # the whole file was walked: no `moov`, no audio


# MPEG-1 layer III bit rates (kbit/s) and sample rates; MPEG-2/2.5 below
_BITRATES = {1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
             2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]}
_RATES = {3: [44_100, 48_000, 32_000], 2: [22_050, 24_000, 16_000], 0: [11_025, 12_000, 8_000]}


def _mp3(data: Recording) -> AudioInfo | None:
    start = 0
    if data[:3] == b"ID3":
        if len(data) < 10:
            raise _broken("MP3")
        size = 0
        for byte in data[6:10]:
            if byte & 0x80:
                raise _broken("MP3")
            size = (size << 7) | byte
        start = 10 + size
    if start + 4 > len(data) or data[start] != 0xFF or data[start + 1] & 0xE0 != 0xE0:
        if start:
            raise _broken("MP3")
        return None
    header = struct.unpack_from(">I", data, start)[0]
    version, layer = (header >> 19) & 3, (header >> 17) & 3
    bitrate_index, rate_index = (header >> 12) & 15, (header >> 10) & 3
    if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
        raise _broken("MP3")                 # only layer III, with a declared bit rate
    rate = _RATES[version][rate_index]
    bitrate = _BITRATES[1 if version == 3 else 2][bitrate_index] * 1000
    samples = 1152 if version == 3 else 576
    frame = data[start:start + 200]
    for tag in (b"Xing", b"Info", b"VBRI"):
        at = frame.find(tag)
        if at < 0:
            continue
        offset = at + (14 if tag == b"VBRI" else 8)
        if at + 8 > len(frame):
            continue
        flags = struct.unpack_from(">I", frame, at + 4)[0] if tag != b"VBRI" else 1
        if flags & 1 and offset + 4 <= len(frame):
            frames = struct.unpack_from(">I", frame, offset)[0]
            return AudioInfo("mp3", frames * samples / rate)
    return AudioInfo("mp3", (len(data) - start) * 8 / bitrate)
