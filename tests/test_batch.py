"""A big batch (processed in worker processes) gives exactly what one-at-a-time imports give."""
from __future__ import annotations

import json
from pathlib import Path

from helpers import FIXTURES, FIXED_DATE, import_json

from importer.__main__ import main
from importer.batch import PARALLEL_MIN_FILES

WEEKLY = (FIXTURES / "text" / "weekly-issue.txt").read_text(encoding="utf-8")
POST = (FIXTURES / "text" / "creator-post.txt").read_text(encoding="utf-8")


def other_post(n: int) -> str:
    """A different post under the same banner: every Han character of its title and body replaced.

    (Changing only the title would give the same article edited, see importer/identity.py.)
    """
    banner, body = POST.split("記憶體價格翻倍!")
    shift = str.maketrans({c: chr(0x4E00 + (ord(c) - 0x4E00 + 97 * n) % 20902)
                           for c in set(body) if "\u4e00" <= c <= "\u9fff"})
    return banner + f"記憶體價格第{n}次翻倍!" + body.translate(shift)


def make_batch(folder: Path, count: int) -> list[Path]:
    """Distinct weekly issues and posts, two articles sharing a title, and two bad files."""
    folder.mkdir()
    paths = []
    for i in range(count):
        if i % 2:
            text = WEEKLY.replace("第118期", f"第{200 + i}期").replace("/issues/118", f"/issues/{200 + i}")
        else:
            text = other_post(i)
        paths.append(folder / f"{i:03}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    # Same title and opening, different source: a different article, so another slug.
    twin = WEEKLY.replace("/issues/118", "/issues/118-reprint")
    paths.append(folder / f"{count:03}-twin.txt")
    paths[-1].write_text(twin, encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return sorted(folder.glob("*.txt"))


def tree(docs: Path) -> dict[str, bytes]:
    return {str(p.relative_to(docs)): p.read_bytes() for p in sorted(docs.rglob("*.md"))}


def test_batch_import_equals_one_file_at_a_time(tmp_path, capsys):
    files = make_batch(tmp_path / "src", 24)
    assert len(files) >= PARALLEL_MIN_FILES  # big enough to use the worker processes

    batch = import_json(tmp_path / "src", docs=tmp_path / "batch")
    one_by_one = []
    for path in files:
        main(["import", str(path), "--docs", str(tmp_path / "single"), "--date", FIXED_DATE, "--json"])
        one_by_one.append(json.loads(capsys.readouterr().out))

    assert tree(tmp_path / "batch") == tree(tmp_path / "single")
    assert [a["slug"] for a in batch["articles"]] == [r["articles"][0]["slug"] for r in one_by_one if r["articles"]]
    assert [e["source"] for e in batch["errors"]] == [str(tmp_path / "src" / n) for n in ("empty.txt", "image.txt")]
    assert len({a["slug"] for a in batch["articles"]}) == len(files) - 2
    assert all(set(a["actions"].values()) == {"created"} for a in batch["articles"])


def test_second_batch_import_changes_nothing(tmp_path):
    make_batch(tmp_path / "src", 20)
    import_json(tmp_path / "src", docs=tmp_path / "docs")
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "docs").rglob("*.md")}
    again = import_json(tmp_path / "src", docs=tmp_path / "docs")
    assert all(set(a["actions"].values()) == {"unchanged"} for a in again["articles"])
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "docs").rglob("*.md")} == before
