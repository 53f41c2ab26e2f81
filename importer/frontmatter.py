"""The front matter of a page in docs/: read strictly, checked once, shown as text.

Pages are written by the importer and edited by hand, so their front matter is
untrusted YAML. Everything that reads it — the site's hooks, the listings, the
importer reading a page back — goes through `load`, which refuses what plain
`yaml.safe_load` lets through:

* aliases (`&a` / `*a`): a few hundred bytes of nested aliases expand into
  gigabytes in whatever walks the result, and no page needs them;
* more than MAX_BYTES of YAML, or collections nested deeper than MAX_DEPTH
  (libyaml composes nested nodes recursively and crashes the process near
  30,000 levels);
* values YAML cannot build (`date: 2026-02-30`), reported with the value
  instead of a traceback.

`check` then holds the types the site prints: title, author and description
are text, tags a list of words, and nothing anywhere is a set, binary data or
another YAML type a template would print as Python's repr. `visible` drops the
invisible characters that reorder or hide the text around them (a U+202E in a
title reverses the date printed after it in a listing); the importer writes
titles and metadata through it, the checks apply it to hand-written pages.
"""
from __future__ import annotations

import datetime as dt
import functools
import re

MAX_BYTES = 64 * 1024  # real front matter is well under 2 KB
MAX_DEPTH = 32  # real front matter nests two or three levels
TEXT_KEYS = ("title", "author", "description")  # printed by the theme and the listings

# The block MkDocs reads as YAML front matter (mkdocs.utils.meta.YAML_RE): the same
# rule here, so what is checked is what MkDocs loads.
_BLOCK = re.compile(r"\A-{3}[ \t]*\r?\n(.*?\r?\n)(?:\.{3}|-{3})[ \t]*\r?\n", re.S)

# Invisible characters that reorder or hide neighbouring text: bidi embeddings,
# overrides, isolates and marks, zero-width space, word joiner and invisible
# operators, soft hyphen, byte-order mark, interlinear annotation marks and the
# Hangul fillers used for blank-looking names. Zero-width joiners and variation
# selectors stay: emoji sequences need them.
_INVISIBLE = re.compile("[\u00ad\u061c\u115f\u1160\u180e\u200b\u200e\u200f\u202a-\u202e"
                        "\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]")
# What YAML's safe loader may produce that a page can show as text.
_SCALARS = (str, int, float, bool, dt.date, type(None))  # datetime is a date


class FrontMatterError(ValueError):
    """Front matter that cannot be used; the message says why (callers add the file)."""


def visible(text: str) -> str:
    """`text` without invisible formatting characters (bidi controls, zero-width space…)."""
    return _INVISIBLE.sub("", text)


def split(text: str) -> tuple[str | None, str]:
    """(the YAML of the front matter block, or None when there is none; the body)."""
    match = _BLOCK.match(text)
    return (match[1], text[match.end():]) if match else (None, text)


@functools.cache
def _loader():
    """YAML's safe loader (libyaml's when available) with a readable error for impossible
    dates. Built on first use: the importer writes titles through `visible` without YAML."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    def timestamp(loader, node):
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
        except ValueError as exc:
            raise FrontMatterError(f"front matter has an impossible date '{node.value}' ({exc})") from None

    Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return Loader


def load(text: str) -> dict:
    """The front matter YAML `text` as a mapping, or FrontMatterError saying why not."""
    import yaml

    if len(text.encode("utf-8")) > MAX_BYTES:
        raise FrontMatterError(f"front matter is larger than {MAX_BYTES // 1024} KB")
    try:
        _check_events(text)
        data = yaml.load(text, Loader=_loader())
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())
        raise FrontMatterError(f"front matter is not valid YAML ({reason})") from None
    except (TypeError, OverflowError) as exc:  # ValueError is ours or a date's
        raise FrontMatterError(f"front matter cannot be read ({exc})") from None
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a mapping of keys to values")
    return data


def _check_events(text: str) -> None:
    """Refuse aliases and deep nesting from the parser's events, before anything is built
    (the event parser is iterative, unlike the composer)."""
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=_loader()):
        if isinstance(event, yaml.AliasEvent):
            raise FrontMatterError(f"front matter uses a YAML alias (*{event.anchor}); write the value out")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise FrontMatterError(f"front matter is nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def check(meta: dict) -> dict:
    """`meta` with title, author and description as visible text and tags as a list of
    words; FrontMatterError naming the key when a value is of a type the site cannot show."""
    _check_plain(meta)
    checked = dict(meta)
    for key in TEXT_KEYS:
        value = checked.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise FrontMatterError(f"'{key}' must be text (found {_kind(value)}); put it in quotes")
        checked[key] = visible(value)
    tags = checked.get("tags")
    if tags is not None:
        if not isinstance(tags, list) or not all(isinstance(t, (str, int, float)) and not isinstance(t, bool)
                                                 for t in tags):
            raise FrontMatterError(f"'tags' must be a list of words, e.g. [AI, 芯片] (found {_kind(tags)})")
        checked["tags"] = [tag for tag in (visible(str(t)).strip() for t in tags) if tag]
    return checked


def _check_plain(meta: dict) -> None:
    """Only text, numbers, true/false, dates, lists and mappings, at any depth."""
    stack = [(str(key), key, value) for key, value in meta.items()]
    while stack:
        top, key, value = stack.pop()
        if not isinstance(key, _SCALARS):
            raise FrontMatterError(f"'{top}' has a key that is {_kind(key)}, which a page cannot show")
        if isinstance(value, dict):
            stack.extend((top, k, v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((top, "", v) for v in value)
        elif not isinstance(value, _SCALARS):
            raise FrontMatterError(f"'{top}' holds {_kind(value)}, which a page cannot show")


def _kind(value) -> str:
    """What a YAML value is, in the words of an editor."""
    kinds = ((bool, "true/false"), (str, "text"), ((int, float), "a number"), (dt.date, "a date"),
             (dict, "a mapping"), (list, "a list"), ((set, frozenset), "a set (!!set)"),
             ((bytes, bytearray), "binary data (!!binary)"), (tuple, "pairs (!!omap, !!pairs)"))
    return next((name for types, name in kinds if isinstance(value, types)), type(value).__name__)
