"""Imported pages build under `mkdocs build --strict` and their translation links resolve."""
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.meta import get_data

from conftest import LANGUAGES, copy_site, run_mkdocs_build
from helpers import FIXTURES, import_json, seeds_dir, split_page


@pytest.fixture(scope="module")
def site_with_imports(tmp_path_factory):
    project = copy_site(tmp_path_factory.mktemp("project"))
    report = import_json(seeds_dir(), FIXTURES / "text", docs=project / "docs")
    assert report["errors"] == [] and len(report["articles"]) == 4
    site = project / "site"
    proc = run_mkdocs_build(site, project / "mkdocs.yml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return report, site


def _html_path(site: Path, lang: str, slug: str) -> Path:
    return site / LANGUAGES[lang] / "articles" / slug / "index.html"


def test_every_imported_page_is_built_in_its_language(site_with_imports):
    report, site = site_with_imports
    for art in report["articles"]:
        for lang in art["languages"]:
            html = _html_path(site, lang, art["slug"])
            assert html.exists(), html
            soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
            assert soup.html["lang"] == lang
            meta, _ = split_page(Path(art["pages"][lang]))
            assert soup.h1.get_text(strip=True).startswith(meta["title"][:10])


def test_translation_links_exist_and_resolve(site_with_imports):
    report, site = site_with_imports
    for art in report["articles"]:
        for lang in art["languages"]:
            html = _html_path(site, lang, art["slug"])
            soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
            links = soup.select("a.bp-translations__link")
            assert sorted(a["hreflang"] for a in links) == sorted(set(art["languages"]) - {lang})
            page_url = f"http://x/{LANGUAGES[lang]}articles/{art['slug']}/"
            for a in links:
                target = urlsplit(urljoin(page_url, a["href"])).path.lstrip("/")
                resolved = site / target / "index.html" if target.endswith("/") or not target else site / target
                assert resolved.exists(), (html, a["href"])
                assert f"/articles/{art['slug']}/" in "/" + target


def test_front_matter_reads_back_the_same_through_mkdocs(site_with_imports):
    import yaml
    report, _ = site_with_imports
    for art in report["articles"]:
        for path in art["pages"].values():
            text = Path(path).read_text(encoding="utf-8")
            body, meta = get_data(text)
            assert meta == yaml.safe_load(text.split("---\n")[1])
            assert isinstance(meta["title"], str) and meta["title"]
            assert body.lstrip().startswith("# ")
