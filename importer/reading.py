"""Read a source file into text: detect the encoding, drop the BOM, normalise newlines.

`read_source` reads a file's bytes once (within the size limit); a reader chosen
by file type turns them into the article's text, so everything after is shared.
"""
from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import unicodedata
from pathlib import Path

from .errors import InputError
from .frontmatter import visible

# Scraped articles are a few hundred KB at most; anything far larger is a wrong file.
MB = 1024 * 1024
MAX_BYTES = 20 * MB

# Python's gb2312/gbk codecs are subsets of gb18030 and mis-map some characters
# (gb2312 turns "—" into "―"): decode every GB label as gb18030.
_ENCODING_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030",
                     "big5": "big5hkscs", "cp950": "big5hkscs", "ascii": "utf-8"}
# Detection may guess these for short CJK snippets; they are never what a
# Chinese/English scraper wrote.
_IMPLAUSIBLE = {"cp932", "shift_jis", "euc_jp", "cp949", "euc_kr", "johab",
                "iso2022_jp", "cp1258", "mac_cyrillic"}
_BINARY_SIGNATURES = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04",
                      b"\x7fELF", b"RIFF", b"\x1f\x8b", b"BZh", b"7z\xbc\xaf")


def canonical_encoding(name: str) -> str:
    name = codecs.lookup(name).name
    return _ENCODING_ALIASES.get(name, name)


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes of a scraped text file to str, or InputError with the reason.

    A byte-order mark wins; then the encoding the file declares (HTML), if Python
    knows it; then UTF-8; then detection.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode_as(data[3:], "utf-8")
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode_as(data, enc)
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        raise InputError("binary file, not text")
    if declared:
        try:
            return data.decode(canonical_encoding(declared))
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong label: detect instead, as browsers do
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Imported here: most sources are UTF-8, and the detector costs a fifth of a re-import's start-up.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    encoding = canonical_encoding(best.encoding) if best else "gb18030"
    if encoding in _IMPLAUSIBLE:
        encoding = _best_cjk_guess(data)
    return _decode_as(data, encoding)


def _best_cjk_guess(data: bytes) -> str:
    """Between the two legacy Chinese encodings, the one that decodes with fewer rare characters."""
    scores = {}
    for enc in ("gb18030", "big5hkscs"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        common = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or ch.isascii())
        scores[enc] = common / max(len(text), 1)
    if not scores:
        return "gb18030"
    return max(scores, key=scores.get)


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"cannot decode the file as {encoding} or UTF-8") from None


# Control characters (but tab and newline), surrogates, private-use characters and
# non-characters (U+FFFE, U+FDD0…; lxml and XML feeds refuse them) would corrupt
# Markdown, YAML or XML and never carry article text.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(p + 0xFFFE) + chr(p + 0xFFFF) for p in range(0, 0xF0000, 0x10000))
_UNWANTED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff{_NONCHARACTERS}]")


def normalise(text: str) -> str:
    """Unify newlines, compose characters, drop control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNWANTED.sub("", unicodedata.normalize("NFC", text))


def read_source(path: Path) -> bytes:
    """The bytes of a regular source file; links, devices, FIFOs and files above MAX_BYTES are refused.

    The file type is checked on the opened descriptor (no race with a file swapped
    after a check), opening never blocks (a FIFO without a writer) and the read is
    bounded, so /dev/zero or a file that grows while it is read cannot fill memory.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("symbolic link, not followed") from None
        raise InputError(f"cannot read: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file")
        if info.st_size > MAX_BYTES:
            raise InputError(f"file is {info.st_size // MB} MB, above the {MAX_BYTES // MB} MB limit")
        try:
            data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}") from None
    if len(data) > MAX_BYTES:  # it grew while being read
        raise InputError(f"file is above the {MAX_BYTES // MB} MB limit")
    return data


def read_text(data: bytes) -> str:
    """The text of a plain-text source, or InputError saying why not."""
    if not data.strip():
        raise InputError("file is empty")
    text = normalise(decode(data))
    if not visible(text).strip():  # blank, or only marks such as U+061C
        raise InputError("file has no text")
    return text
