"""Images stored with the site (issue 18): an imported article's images come from a local
HTTP server on 127.0.0.1 (never the internet), are stored once under content-hash names,
converted to a web size, and the built site requests nothing from their origin."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import copy_site, run_mkdocs_build
from helpers import import_json, split_page
from importer import images
from importer.__main__ import main
from web import Answer, Site

def png_bytes() -> bytes:
    """A small drawing: few colours, where lossless WebP is smaller than the PNG."""
    image = Image.new("RGB", (400, 300), "white")
    for x in range(0, 400, 40):
        image.paste((30, 90, 160), (x, 0, x + 20, 300))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def jpeg_bytes() -> bytes:
    """A photo-like image wider than images.MAX_SIDE."""
    image = Image.effect_noise((2400, 1200), 60).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


class Origin(Site):
    """The images' origin (tests/web.py's site, counting what it is asked for): two images of
    ours, a page that is no image, and a "huge" image that never ends (no length given: the
    reader must stop by itself)."""

    def __init__(self):
        super().__init__()
        self.files = {"/pics/chart.png": ("image/png", png_bytes()), "/pics/photo.jpg": ("image/jpeg", jpeg_bytes()),
                      "/pics/page.png": ("text/html", b"<!doctype html><p>Not an image</p>")}
        for path, (kind, body) in self.files.items():
            self.add(path, Answer(body, kind))
        self.add("/pics/huge.jpg", Answer(content_type="image/jpeg", endless=True))
        self.base = self.url("")


@pytest.fixture(scope="module")
def origin():
    with Origin() as site:
        yield site


SECOND = ["第二周下了三场雨，志愿者忙着给菜畦搭遮雨棚。", "楼下的小学生来参观，每人领走了一盆薄荷。"]


def article_text(base: str, title: str, *names: str, second: bool = False) -> str:
    """A scraped post of our own with an image (and its caption) per name."""
    text = SECOND if second else ["社区花园的志愿者本周在屋顶种下了第一批番茄，邻居们轮流浇水。",
                                  "到了秋天，收获的番茄会送到街道的食堂。"]
    lines = [title, text[0]]
    for name in names:
        lines += [f"![屋顶花园的{name}]({base}/pics/{name})", f"图：{name} 的样子" + ("（第二周）" if second else "")]
    lines.append(text[1])
    return "\n".join(lines) + "\n"


def run(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    monkeypatch.setattr(images, "MAX_BYTES", 2 * 1024 * 1024)
    code = main(["import", *map(str, args), "--date", "2026-05-04"])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_images_are_stored_once_converted_and_refer_to_local_copies(tmp_path, origin, monkeypatch, capsys):
    inbox, docs = tmp_path / "inbox", tmp_path / "docs"
    inbox.mkdir()
    (inbox / "garden.txt").write_text(article_text(origin.base, "屋顶花园开始收获", "chart.png", "photo.jpg"), "utf-8")
    (inbox / "garden-2.txt").write_text(article_text(origin.base, "屋顶花园的第二周", "chart.png", second=True),
                                       "utf-8")
    origin.requests.clear()
    for name in ("garden.txt", "garden-2.txt"):  # two imports (one batch would learn the shared lines as chrome)
        code, out, err = run(monkeypatch, capsys, inbox / name, "--docs", docs)
        assert code == 0, out + err
    stored = sorted(p.name for p in (docs / "images").iterdir())
    # Named by the digest of what was downloaded; the PNG drawing stays lossless, the photo is WebP.
    chart, photo = (hashlib.sha256(origin.files[f"/pics/{n}"][1]).hexdigest()[:20] for n in ("chart.png", "photo.jpg"))
    assert stored == sorted([f"{chart}.webp", f"{photo}.webp"]) or stored == sorted([f"{chart}.png", f"{photo}.webp"])
    with Image.open(docs / "images" / f"{photo}.webp") as image:
        assert image.format == "WEBP" and max(image.size) == images.MAX_SIDE and image.size[0] == 2 * image.size[1]
    assert (docs / "images" / f"{photo}.webp").stat().st_size < len(origin.files["/pics/photo.jpg"][1])
    # Downloaded once per article: the chart both articles show is stored once.
    assert origin.requests.count("/pics/chart.png") == 2 and len(stored) == 2
    for page in (docs / "articles").glob("*.zh-Hans.md"):
        meta, body = split_page(page)
        assert origin.base not in body
        assert all(url.startswith(origin.base) for url in meta["image_sources"].values())
        assert all((docs / path).is_file() for path in meta["image_sources"])
    meta, body = split_page(next((docs / "articles").glob("*kai-shi*.zh-Hans.md")))
    first = next(iter(meta["image_sources"]))
    assert f"![屋顶花园的chart.png](../{first})" in body or f"](../{first})" in body
    assert "*图：chart.png 的样子*" in body  # the caption under it
    # Traditional page: the same stored file, its own alt text.
    hant = next((docs / "articles").glob("*kai-shi*.zh-Hant.md"))
    assert f"](../{first})" in split_page(hant)[1] and "屋頂花園" in split_page(hant)[1]
    # Nothing but pages, stored images and the import's own files under docs/.
    assert {p.relative_to(docs).parts[0] for p in docs.rglob("*") if p.is_file()} <= {"articles", "images",
                                                                                      ".import.lock"}


def test_refused_downloads_keep_the_address_and_are_reported_in_one_line(tmp_path, origin, monkeypatch, capsys):
    inbox, docs = tmp_path / "inbox", tmp_path / "docs"
    inbox.mkdir()
    (inbox / "bad.txt").write_text(
        article_text(origin.base, "屋顶花园的坏图片", "huge.jpg", "page.png", "gone.png", "chart.png"), "utf-8")
    code, out, err = run(monkeypatch, capsys, inbox / "bad.txt", "--docs", docs)
    assert code == 0, out + err
    reasons = {line.split(" address kept: ")[1].split(" ", 1)[0].rsplit("/", 1)[1]: line
               for line in out.splitlines() if "image not stored" in line}
    assert set(reasons) == {"huge.jpg", "page.png", "gone.png"}
    assert "(larger than 2 MB)" in reasons["huge.jpg"]
    assert "(not an image)" in reasons["page.png"]
    assert "(HTTP 404)" in reasons["gone.png"]
    _, body = split_page(next((docs / "articles").glob("*.zh-Hans.md")))
    for name in ("huge.jpg", "page.png", "gone.png"):
        assert f"]({origin.base}/pics/{name})" in body
    assert [p.suffix for p in (docs / "images").iterdir()] in ([".webp"], [".png"])  # only the chart
    # A failed download is tried again on the next import (not answered from the result cache).
    origin.requests.clear()
    run(monkeypatch, capsys, inbox / "bad.txt", "--docs", docs)
    assert "/pics/gone.png" in origin.requests


def test_no_images_keeps_addresses(tmp_path, origin):
    source = tmp_path / "post.txt"
    source.write_text(article_text(origin.base, "屋顶花园不存图片", "chart.png"), "utf-8")
    report = import_json(source, docs=tmp_path / "docs")  # the helper passes --no-images
    page = Path(report["articles"][0]["pages"]["zh-Hans"])
    meta, body = split_page(page)
    assert f"]({origin.base}/pics/chart.png)" in body and "image_sources" not in meta
    assert not (tmp_path / "docs" / "images").exists()


def test_a_built_site_requests_nothing_from_the_images_origin(tmp_path, origin):
    project = copy_site(tmp_path / "project")
    inbox = project / "inbox"
    inbox.mkdir()
    (inbox / "garden.txt").write_text(article_text(origin.base, "屋顶花园开始收获", "chart.png", "photo.jpg"), "utf-8")
    (inbox / "garden.html").write_text(
        f"<!doctype html><html lang='en'><head><title>Rooftop garden, week three</title></head><body><article>"
        f"<h1>Rooftop garden, week three</h1><p>Volunteers planted beans along the parapet this week, "
        f"and the first tomatoes went to the canteen downstairs.</p>"
        f"<figure><img src='{origin.base}/pics/photo.jpg' alt='Tomatoes on the roof'>"
        f"<figcaption>The first tomatoes of the season.</figcaption></figure>"
        f"<p>Next week the group will build a rain barrel from an old drum, and anyone may come and help."
        f"</p></article></body></html>", "utf-8")
    report = import_json(inbox, docs=project / "docs", images=True)
    assert report["errors"] == [] and all(not a["image_failures"] for a in report["articles"])
    html_page = next(a for a in report["articles"] if a["source"].endswith(".html"))
    meta, body = split_page(Path(html_page["pages"]["en"]))
    assert list(meta["image_sources"].values()) == [f"{origin.base}/pics/photo.jpg"]
    assert "Tomatoes on the roof" in body and "The first tomatoes of the season." in body
    proc = run_mkdocs_build(project / "site", project / "mkdocs.yml")
    assert proc.returncode == 0 and "WARNING" not in proc.stdout + proc.stderr, (proc.stdout + proc.stderr)[-3000:]
    site = project / "site"
    built = "\n".join(p.read_text("utf-8", errors="replace") for p in site.rglob("*")
                      if p.is_file() and p.suffix in (".html", ".xml", ".js", ".json", ".css"))
    assert "127.0.0.1" not in built
    # The article shows the stored copy, which is in the site.
    page_dir = site / "en" / "articles" / html_page["slug"]
    img = BeautifulSoup((page_dir / "index.html").read_text("utf-8"), "html.parser").find(
        "img", alt="Tomatoes on the roof")
    assert img["src"].startswith("../../../images/") and (page_dir / img["src"]).resolve().is_file()
    assert len(list((site / "images").iterdir())) == 2 and not (site / "en" / "images").exists()  # once


def test_web_image_keeps_animations_and_refuses_bombs_and_broken_files():
    frames = [Image.new("RGB", (40, 40), colour) for colour in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    assert images.web_image(out.getvalue()) == (out.getvalue(), "gif")
    bomb = io.BytesIO()
    Image.new("1", (8000, 8000)).save(bomb, "PNG")  # 64 million pixels in a few kilobytes
    with pytest.raises(images.ImageError, match="too many pixels"):
        images.web_image(bomb.getvalue())
    photo = jpeg_bytes()
    with pytest.raises(images.ImageError, match="not an image"):
        images.web_image(photo[: len(photo) // 2])
