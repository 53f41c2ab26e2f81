"""The articles already in docs/: each found by the `article_id` in its pages' front matter.

An article's pages are wherever they are under docs/ (renamed files included), so
a re-import finds them by id rather than by the file name it would choose today.
The catalogue also answers which article a new source is (identity.py) and who
owns a path, so a slug is never taken from another article or a hand-written page.

What a page says (its id, language, slug, URL and sentences) is remembered in
`.cache/importer/pages.json` with the file's size, times and inode, so a run reads
again only the pages that changed since the last one (any write, rename or
restore of a file changes its ctime, which no tool can set back).
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .identity import BOILERPLATE_ARTICLES, MIN_SHARED_SENTENCES, Fingerprint, change, fingerprint
from .model import LANGS
from .render import content_digest
from .writing import Existing, read_existing, write_atomic

HAND_WRITTEN = "(a page not written by the importer)"
# <slug>.<lang>.md; a page renamed without its language suffix still belongs to its article.
PAGE_NAME = re.compile(r"^(?P<stem>.+?)(?:\.(?P<lang>" + "|".join(LANGS) + r"))?\.md$")
INDEX_NAME = "pages.json"
_SLUG_LINE = re.compile(r"^slug:.*\n", re.M)
# The front matter a catalogue reads: a page's other keys (title, tags…) cost time to parse and are not needed.
_KEYS = ("article_id", "slug", "lang", "source", "link")


@dataclass
class KnownArticle:
    article_id: str
    pages: dict[str, Path]
    """Language -> the page's path."""
    url: str = ""
    slug_choice: dict[str, tuple[str, bool]] = field(default_factory=dict)
    """Language -> (the slug its page gives, whether the editor chose it)."""
    sentences: frozenset = frozenset()
    """The sentence keys of its reference page (see `lang`)."""
    text: str | None = None
    """The reference page's body when it is not on disk (written by this run's dry run)."""

    @property
    def lang(self) -> str:
        """The language whose page identifies the article (the first in LANGS it has)."""
        return next(lang for lang in LANGS if lang in self.pages)

    @property
    def slug(self) -> str:
        """The slug the editor gave it (a renamed file, a changed `slug:` line), else its pages' name."""
        choices = [self.slug_choice[lang] for lang in LANGS if lang in self.slug_choice]
        return next((slug for slug, chosen in choices if chosen), choices[0][0])


class Catalogue:
    """Every article page under docs/, read when an import first needs it."""

    def __init__(self, docs: Path, cache_dir: Path | None = None):
        self.docs = docs
        self.index_path = cache_dir / INDEX_NAME if cache_dir else None
        self.articles: dict[str, KnownArticle] = {}
        self.owners: dict[Path, str] = {}
        self.postings: dict[int, set[str]] = defaultdict(set)
        self.pages = _scan(docs, self._load_index())
        """Relative path -> [stamp, what the page says], as the index file keeps them."""
        reference: dict[str, dict] = {}  # id -> facts of the page that identifies it (KnownArticle.lang)
        for rel, (_, facts) in self.pages.items():
            path = docs / rel
            known = self.articles.get(facts["id"])
            if facts["id"] is None or (known and facts["lang"] in known.pages):
                self.owners[path] = HAND_WRITTEN  # (or a second copy of a page: the first one found counts)
                continue
            known = self.articles.setdefault(facts["id"], KnownArticle(facts["id"], {}))
            self.owners[path] = known.article_id
            known.pages[facts["lang"]] = path
            known.slug_choice[facts["lang"]] = tuple(facts["slug"])
            if known.lang == facts["lang"]:
                reference[known.article_id] = facts
        for known in self.articles.values():
            facts = reference[known.article_id]
            if "sentences" not in facts:  # the reference page, first read: its text is needed once
                facts["sentences"] = list(self._fingerprint(known, facts["url"]).sentences)
            known.url = facts["url"]
            self._index(known, facts["sentences"])

    def owner(self, path: Path) -> str | None:
        """The id of the article whose page is at `path`, HAND_WRITTEN, or None when it is free."""
        return self.owners.get(path)

    def find(self, article_id: str, fp: Fingerprint) -> KnownArticle | None:
        """The known article a new source is: the same id, else the closest one the identity rule accepts."""
        if article_id in self.articles:
            return self.articles[article_id]
        mine = [h for h in fp.sentences if self._df(h) < BOILERPLATE_ARTICLES]
        hits = Counter(other for h in mine for other in self.postings.get(h, ()))
        best: tuple[float, str] | None = None
        for candidate, shared in sorted(hits.items()):
            if shared < MIN_SHARED_SENTENCES * min(len(mine), len(self.articles[candidate].sentences)):
                continue  # too few sentences in common for the shingles to agree: not worth reading
            old = self._fingerprint(self.articles[candidate])
            boilerplate = {h for h in fp.sentences.keys() | old.sentences.keys() if self._df(h) >= BOILERPLATE_ARTICLES}
            changed = change(fp, old, boilerplate)
            if changed is not None and (best is None or changed < best[0]):
                best = (changed, candidate)
        return self.articles[best[1]] if best else None

    def record(self, article_id: str, pages: dict[str, Path], fp: Fingerprint, text: str | None) -> None:
        """Pages an import wrote (or, with `text` given, would write): they are the article's now."""
        known = self.articles.pop(article_id, None)
        if known is not None:
            self._unindex(known)
        stems = {lang: PAGE_NAME.match(path.name)["stem"] for lang, path in pages.items()}
        known = KnownArticle(article_id, dict(pages), fp.url, {lang: (stem, False) for lang, stem in stems.items()},
                             text=text)
        self.articles[article_id] = known
        for lang, path in pages.items():
            self.owners[path] = article_id
            if text is None:  # written: remember it as it is now, so the next run need not read it
                facts = {"id": article_id, "lang": lang, "slug": [stems[lang], False], "url": fp.url}
                if lang == known.lang:
                    facts["sentences"] = list(fp.sentences)
                self.pages[path.relative_to(self.docs).as_posix()] = [_stamp(path), facts]
        self._index(known, fp.sentences)

    def save(self) -> None:
        if self.index_path is not None:
            write_atomic(self.index_path, json.dumps({"docs": str(self.docs.resolve()), "pages": self.pages},
                                                     ensure_ascii=False))

    def _load_index(self) -> dict:
        try:
            stored = json.loads(self.index_path.read_text(encoding="utf-8")) if self.index_path else {}
        except (OSError, ValueError):
            return {}
        ok = isinstance(stored, dict) and stored.get("docs") == str(self.docs.resolve())
        return stored["pages"] if ok and isinstance(stored.get("pages"), dict) else {}

    def _df(self, sentence: int) -> int:
        """In how many known articles the sentence is."""
        return len(self.postings.get(sentence, ()))

    def _index(self, known: KnownArticle, sentences) -> None:
        known.sentences = frozenset(sentences)
        for h in known.sentences:
            self.postings[h].add(known.article_id)

    def _unindex(self, known: KnownArticle) -> None:
        for h in known.sentences:
            self.postings[h].discard(known.article_id)
        for path in known.pages.values():
            if self.owners.get(path) == known.article_id:
                del self.owners[path]

    def _fingerprint(self, known: KnownArticle, url: str | None = None) -> Fingerprint:
        text = known.text
        if text is None:
            try:
                text = body(known.pages[known.lang].read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                text = ""
        return fingerprint(known.url if url is None else url, text)


def _scan(docs: Path, stored: dict) -> dict:
    """[stamp, facts] for every page under docs/ (hidden files and folders aside); only changed pages are read."""
    pages = {}
    for root, folders, files in os.walk(docs):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        prefix = os.path.relpath(root, docs).replace(os.sep, "/") + "/" if root != str(docs) else ""
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith("."):
                path = Path(root, name)
                stamp = _stamp(path)
                entry = stored.get(prefix + name)
                pages[prefix + name] = entry if _still_valid(entry, stamp) else [stamp, _facts(path)]
    return pages


def _still_valid(entry, stamp: list[int]) -> bool:
    """Whether an index entry describes the file as it is now (and is whole: the file may be damaged)."""
    if not (isinstance(entry, list) and len(entry) == 2 and entry[0] == stamp and isinstance(entry[1], dict)):
        return False
    facts = entry[1]
    return facts.get("id") is None or (isinstance(facts.get("id"), str) and facts.get("lang") in LANGS
                                        and isinstance(facts.get("slug"), list) and len(facts["slug"]) == 2
                                        and isinstance(facts.get("url"), str)
                                        and isinstance(facts.get("sentences", []), list))


def _stamp(path: Path) -> list[int]:
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _facts(path: Path) -> dict:
    """What a page says about itself: its article, language, slug and source URL (id None: not an article's)."""
    existing = read_existing(path, keys=_KEYS)
    meta = existing.meta if existing else {}
    article_id, name = meta.get("article_id"), PAGE_NAME.match(path.name)
    lang = name["lang"] or meta.get("lang")
    if not article_id or not isinstance(article_id, str) or lang not in LANGS:
        return {"id": None}
    url = meta.get("source") or meta.get("link") or ""
    return {"id": article_id, "lang": lang, "slug": list(_slug_choice(name["stem"], existing)),
            "url": url if isinstance(url, str) else ""}


def body(page_text: str) -> str:
    """A page's Markdown after its front matter."""
    if page_text.startswith("---\n"):
        end = page_text.find("\n---\n", 4)
        if end > 0:
            return page_text[end + 5:]
    return page_text


def _slug_choice(stem: str, existing: Existing) -> tuple[str, bool]:
    """(slug, chosen by the editor) for one page: its file name, or a `slug:` line the editor changed.

    The importer writes `slug:` equal to the file name. When they differ, the page's
    digest tells who changed what: a page that is otherwise exactly as imported was
    renamed; one that is as imported except for its `slug:` line had that line
    changed. A page changed in more ways keeps its file name: it is not moved on a guess.
    """
    written = existing.meta.get("slug")
    written = str(written) if written is not None else stem
    if written == stem:
        return stem, False
    if not existing.hand_edited:
        return stem, True
    import yaml

    ours = yaml.safe_dump({"slug": stem}, allow_unicode=True, width=10_000)
    head_end = existing.text.find("\n---\n", 4) + 1
    restored = _SLUG_LINE.sub(lambda _: ours, existing.text[:head_end], count=1) + existing.text[head_end:]
    if existing.digest is not None and existing.digest == content_digest(restored):
        return written, True
    return stem, False
