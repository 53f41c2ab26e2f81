"""Images stored with the site: every http(s) image of an imported article is downloaded
once into docs/images/ under a name made from its content, and the pages point at it.

Why: a hot-linked image breaks when its source removes it, many Chinese image hosts
refuse other sites' pages (the image shows broken), and each one is a request to a
third party, which the site otherwise never makes.

- Downloaded with httpx (timeouts, at most MAX_BYTES, http/https only, redirects
  followed) and checked with Pillow (`verify`, a bounded pixel count): a page, an
  error or a decompression bomb is refused, not stored.
- Made web-sized with Pillow: at most MAX_SIDE pixels on the long side, stored as
  WebP unless the original is a web format already and WebP would not be smaller
  (an animation is kept as it is). The name is a digest of the downloaded bytes, so
  an image shared by several articles (or imported again) is stored once.
- Only docs/images/<digest>.<ext> is ever written, atomically.
- A download that fails keeps the remote address; the import reports it in one line.

The page keeps where each image came from, for attribution, in its front matter:
`image_sources: {images/<name>: <address>}`.
"""
from __future__ import annotations

import hashlib
import io
import posixpath
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

from .model import Article
from .render import IMAGE_SOURCES_KEY, IMAGES_DIR
from .writing import write_atomic

MAX_BYTES = 15 * 1024 * 1024  # a bigger response is not an article's image
MAX_PIXELS = 60_000_000  # Pillow refuses more (decompression bombs)
MAX_SIDE = 1600  # px, the long side: twice the width of the text column
WEBP_QUALITY = 80
TIMEOUT = 15.0  # seconds for a connection, and between two reads
USER_AGENT = "bilingual-press-importer"
# Formats browsers show: kept when WebP would not make them smaller.
WEB_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


class ImageError(Exception):
    """Why one image was not stored (one line)."""


@dataclass(frozen=True)
class Failure:
    url: str
    reason: str


def is_remote(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def store_images(article: Article, docs: Path, page_dir: Path) -> tuple[Article, tuple[Failure, ...]]:
    """The article with its remote images stored in docs/images/ and its image blocks
    pointing there (relative to `page_dir`); the images that could not be stored."""
    urls = list(dict.fromkeys(b.text for page in article.pages.values() for b in page.blocks
                              if b.kind == "image" and is_remote(b.text)))
    if not urls:
        return article, ()
    stored: dict[str, str] = {}  # url -> path under docs/
    failures = []
    with Downloader() as download:
        for url in urls:
            try:
                stored[url] = save(download(url), docs)
            except ImageError as exc:
                failures.append(Failure(url, str(exc)))
    if not stored:
        return article, tuple(failures)
    up = posixpath.relpath(docs.as_posix(), page_dir.as_posix())
    pages = {lang: replace(page, blocks=tuple(
        replace(b, text=posixpath.join(up, stored[b.text])) if b.kind == "image" and b.text in stored else b
        for b in page.blocks)) for lang, page in article.pages.items()}
    sources = {path: url for url, path in stored.items()}
    return replace(article, pages=pages, meta=article.with_meta(**{IMAGE_SOURCES_KEY: sources})), tuple(failures)


def save(data: bytes, docs: Path) -> str:
    """Store one downloaded image (converted) unless stored already: its path under docs/."""
    digest = hashlib.sha256(data).hexdigest()[:20]
    folder = docs / IMAGES_DIR
    for ext in set(WEB_FORMATS.values()):  # stored before: nothing to convert
        if (folder / f"{digest}.{ext}").is_file():
            return f"{IMAGES_DIR}/{digest}.{ext}"
    body, ext = web_image(data)
    write_atomic(folder / f"{digest}.{ext}", body)
    return f"{IMAGES_DIR}/{digest}.{ext}"


def web_image(data: bytes) -> tuple[bytes, str]:
    """(bytes, extension) of the image to store; ImageError when `data` is no image."""
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow's own guard, at our bound
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()  # a truncated or corrupt file stops here
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(f"too many pixels (more than {MAX_PIXELS:,})") from None
    except Exception:  # Pillow raises many kinds for "not an image I can read"
        raise ImageError("not an image") from None
    original = WEB_FORMATS.get(image.format or "")
    if original and getattr(image, "n_frames", 1) > 1:
        return data, original  # an animation: re-encoding would lose it or grow it
    image = ImageOps.exif_transpose(image)  # WebP keeps no EXIF: turn a rotated photo upright now
    resized = max(image.size) > MAX_SIDE
    if resized:
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    out = io.BytesIO()
    # Drawings and screenshots (PNG, GIF) stay sharp losslessly; photos take lossy WebP.
    image.save(out, "WEBP", quality=WEBP_QUALITY, lossless=original in ("png", "gif"), method=4)
    webp = out.getvalue()
    if original and not resized and len(webp) >= len(data):
        return data, original
    return webp, "webp"


class Downloader:
    """One httpx client for an article's images."""

    def __enter__(self):
        import httpx

        self.httpx = httpx
        self.client = httpx.Client(timeout=httpx.Timeout(TIMEOUT), follow_redirects=True, max_redirects=5,
                                   headers={"User-Agent": USER_AGENT, "Accept": "image/*"})
        return self

    def __exit__(self, *exc):
        self.client.close()

    def __call__(self, url: str) -> bytes:
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code != 200:
                    raise ImageError(f"HTTP {response.status_code}")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > MAX_BYTES:
                    raise ImageError(f"larger than {MAX_BYTES // 2**20} MB")
                data = bytearray()
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) > MAX_BYTES:
                        raise ImageError(f"larger than {MAX_BYTES // 2**20} MB")
                return bytes(data)
        except self.httpx.HTTPError as exc:
            raise ImageError(f"download failed: {type(exc).__name__}: {exc}".rstrip(": ")) from None
