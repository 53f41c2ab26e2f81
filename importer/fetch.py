"""Fetch a web page for import: only http(s), bounded in time and size, robots.txt respected.

A fetched page is kept as a file in the import cache (.cache/importer/fetched/,
outside docs/), named as a browser would save it, and imported from there by the
same code as any saved file, so importing a URL and importing its bytes saved to
a file give the same pages. A cached page is not fetched again unless `refresh`.

The one difference a server adds is the charset in its Content-Type header: when
the page itself declares none, the header's is written in front of the cached
bytes as a <meta charset>, so the file reads as the server meant it.
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable, NamedTuple
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from .errors import ImporterError, InputError
from .pipeline import Origin
from .reading import MAX_BYTES, MB
from .writing import write_atomic

USER_AGENT = "bilingual-press-importer/0.1 (imports pages an editor chose; respects robots.txt)"
ROBOTS_AGENT = "bilingual-press-importer"
# Seconds to connect, and between two reads; and for the whole download, so a
# server that sends one byte at a time cannot hold the import either.
TIMEOUT = 15.0
DEADLINE = 60.0
MAX_REDIRECTS = 5
# Crawlers read at most this much of a robots.txt (Google: 500 KiB).
MAX_ROBOTS_BYTES = 500 * 1024
FETCHED_DIR = "fetched"
# Content types imported, and the file type the page is saved as (the reader follows it).
SUFFIXES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SAFE_NAME = re.compile(r"[^\w.-]+")
_LABEL = re.compile(r"[\w.:-]{1,40}")  # an encoding name, as html_reading reads it back


def is_url(arg: str) -> bool:
    """An argument that names a URL (any scheme) rather than a file, e.g. https://… or file:…"""
    return bool(_SCHEME.match(arg)) and not Path(arg).exists()


def check_url(url: str) -> None:
    """InputError unless `url` is an http or https address with a host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise InputError("not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(f"only http and https URLs are fetched, not {parts.scheme}:")
    if not parts.hostname:
        raise InputError("URL has no host")


class Page(NamedTuple):
    """What a fetch returns: the page's address after redirects (the article's source),
    its bytes, its content type and the charset the server declared."""

    url: str
    data: bytes
    content_type: str
    charset: str | None = None


@dataclass
class Fetcher:
    """One HTTP client for a run (connections and robots.txt answers are reused)."""

    timeout: float = TIMEOUT
    deadline: float = DEADLINE
    max_bytes: int = MAX_BYTES
    client: httpx.Client = field(init=False)
    robots: dict[str, RobotFileParser] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        import httpx  # here: an import of files only never loads the HTTP client

        # Redirects are followed by get(), which checks each hop. No proxy or .netrc from the
        # environment: a fetch (and the tests' servers on 127.0.0.1) does not depend on the shell.
        self.client = httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=self.timeout,
                                   follow_redirects=False, trust_env=False)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, accept: dict[str, str] | None = None, what: str = "a page the importer reads") -> Page:
        """The page at `url` after at most MAX_REDIRECTS redirects, each hop checked
        (scheme, robots.txt); InputError with a one-line reason otherwise.

        `accept`: the content types wanted (default: pages the importer reads), `what` they are.
        """
        import httpx

        accept = SUFFIXES if accept is None else accept
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url)
            if not self.allowed(url):
                raise InputError("robots.txt does not allow fetching this page")
            try:
                response, data = self._download(url, accept, what)
            except httpx.TimeoutException:
                raise InputError(f"no answer within {self.timeout:g} s (timed out)") from None
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise InputError(f"cannot fetch: {_reason(exc)}") from None
            if response.is_redirect:
                url = urljoin(url, response.headers.get("location", ""))
                continue
            charset = response.charset_encoding
            return Page(url, data, _content_type(response), charset if charset and _LABEL.fullmatch(charset) else None)
        raise InputError(f"more than {MAX_REDIRECTS} redirects")

    def _download(self, url: str, accept: dict[str, str], what: str) -> tuple[httpx.Response, bytes]:
        """The response and its body; InputError for an error status, a type not
        wanted, or a body known to be too large or too slow, before reading more."""
        start = time.monotonic()
        with self.client.stream("GET", url) as response:
            if response.is_redirect:
                return response, b""
            if response.status_code != 200:
                raise InputError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            kind = _content_type(response)
            if kind not in accept:
                raise InputError(f"not {what} (Content-Type {kind or 'missing'})")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise InputError(f"page is {int(declared):,} bytes, above the {self._limit()} limit")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise InputError(f"page is above the {self._limit()} limit")
                if time.monotonic() - start > self.deadline:
                    raise InputError(f"download took more than {self.deadline:g} s (timed out)")
                chunks.append(chunk)
            return response, b"".join(chunks)

    def _limit(self) -> str:
        return f"{self.max_bytes // MB} MB" if self.max_bytes % MB == 0 else f"{self.max_bytes:,} bytes"

    def _robots_txt(self, site: str) -> tuple[int, str]:
        """(status, text) of the site's robots.txt, its first MAX_ROBOTS_BYTES; (404, "")
        when the site cannot be reached (its page then says why)."""
        import httpx

        try:
            with self.client.stream("GET", site + "/robots.txt", follow_redirects=True) as response:
                data = b""
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) >= MAX_ROBOTS_BYTES:
                        break
                return response.status_code, data[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        except (httpx.HTTPError, httpx.InvalidURL):
            return 404, ""

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets this client fetch `url` (fetched once per site and run).

        As urllib.robotparser's own reader: 401/403 forbid everything, another
        error status allows everything.
        """
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self.robots:
            parser = RobotFileParser(site + "/robots.txt")
            status, text = self._robots_txt(site)
            if status in (401, 403):
                parser.disallow_all = True
            elif status >= 400:
                parser.allow_all = True
            else:
                parser.parse(text.splitlines())
            self.robots[site] = parser
        return self.robots[site].can_fetch(ROBOTS_AGENT, url)


def _content_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


# --- the cache of fetched pages ---------------------------------------------------

def cached(cache: Path, url: str) -> tuple[Path, str] | None:
    """(the cached file of `url`, the address it came from after redirects), if it was fetched before."""
    folder = cache / FETCHED_DIR / _digest(url)
    try:
        meta = json.loads((folder / "page.json").read_text(encoding="utf-8"))
        path, final = folder / meta["file"], meta["url"]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # never fetched, or a damaged entry: fetched again
    return (path, final) if isinstance(final, str) and path.is_file() else None


def store(cache: Path, requested: str, page: Page) -> tuple[Path, str]:
    """Keep the fetched page as a file named as a browser saves it; (its path, its address)."""
    folder = cache / FETCHED_DIR / _digest(requested)
    name = PurePosixPath(urlsplit(page.url).path).name
    stem = _SAFE_NAME.sub("-", name.rsplit(".", 1)[0] if "." in name else name).strip("-.")[:80] or "index"
    path = folder / (stem + SUFFIXES[page.content_type])
    data = page.data
    if path.suffix == ".html" and page.charset:
        from .html_reading import declared_charset

        if declared_charset(data) is None and not _utf8(data):
            data = f'<meta charset="{page.charset}">\n'.encode("ascii") + data
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    write_atomic(folder / "page.json", json.dumps({"url": page.url, "requested": requested, "file": path.name}))
    return path, page.url


def _utf8(data: bytes) -> bool:
    """Valid UTF-8 is read as UTF-8 whatever the header says: servers label pages
    ISO-8859-1 by default far more often than a page in another charset happens
    to be valid UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _digest(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]


def fetch_to_cache(fetcher: Fetcher, cache: Path, url: str, refresh: bool = False) -> tuple[Path, str]:
    """(the cached file of `url`, its address after redirects), fetched first unless cached (and not `refresh`)."""
    check_url(url)
    found = None if refresh else cached(cache, url)
    return found or store(cache, url, fetcher.get(url))


@dataclass
class Fetched:
    """The files that pages fetched for one run are imported from."""

    files: list[Path] = field(default_factory=list)
    origins: dict[str, Origin] = field(default_factory=dict)
    """File path -> the page's address and tags (Settings.origins)."""
    errors: list[tuple[str, str]] = field(default_factory=list)
    """(URL, reason) for each page that could not be fetched."""

    def label(self, path: Path) -> str:
        """How a source is named in reports: its URL when it was fetched."""
        origin = self.origins.get(str(path))
        return origin.url if origin else str(path)


def fetch_all(urls: list[str], cache: Path, refresh: bool = False, tags: tuple[str, ...] = (),
              step: Callable[[str], None] | None = None, fetcher: Fetcher | None = None) -> Fetched:
    """Fetch (or find in the cache) each URL; one failure is one error, the rest go on."""
    fetched = Fetched()
    if not urls:
        return fetched
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        for url in urls:
            if step:
                step(url)
            try:
                path, final = fetch_to_cache(fetcher, cache, url, refresh)
            except ImporterError as exc:  # (OutputError: page.json cannot be written)
                fetched.errors.append((url, str(exc)))
                continue
            except OSError as exc:  # the cache cannot be written
                fetched.errors.append((url, f"cannot keep the page in {cache}: {exc.strerror}"))
                continue
            if str(path) not in fetched.origins:  # the same URL named twice is one source
                fetched.files.append(path)
            fetched.origins[str(path)] = Origin(final, tags)
    finally:
        if own:
            fetcher.close()
    return fetched
