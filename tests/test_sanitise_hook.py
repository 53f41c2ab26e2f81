"""hooks/sanitise.py: keeps what the site legitimately renders, removes what could run."""
from __future__ import annotations

import importlib.util

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from conftest import DOCS, MKDOCS_YML, ROOT
from hostile import HOSTILE_MARKDOWN

_spec = importlib.util.spec_from_file_location("sanitise_hook", ROOT / "hooks" / "sanitise.py")
hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hook)

# Raw HTML and Markdown an author (or a bad import) could put into docs/.


def render(text: str) -> str:
    config = load_config(str(MKDOCS_YML))
    return markdown.markdown(text, extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def assert_inert(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    forbidden = ["script", "style", "iframe", "frame", "form", "input", "button", "meta", "link", "base",
                 "object", "embed", "svg", "math"]
    assert not soup.find_all(forbidden), soup.find_all(forbidden)
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), (tag.name, name)
            if name in ("href", "src", "action", "formaction", "data"):
                scheme = value.split(":", 1)[0].lower() if ":" in value else ""
                assert scheme in ("", "http", "https", "mailto"), (tag.name, value)
            if name == "style":
                assert "url(" not in value and "position" not in value, value
    return soup


def test_hostile_markdown_is_inert_after_the_hook():
    raw = render(HOSTILE_MARKDOWN)
    # Python-Markdown alone lets these through: the hook is what removes them.
    assert "<script>" in raw and 'href="javascript:' in raw and 'onclick="alert' in raw
    soup = assert_inert(hook.sanitise_html(raw))
    assert "Safe text stays." in soup.get_text()
    assert soup.find("td")["style"].replace(" ", "") == "text-align:center"


def _same_dom(a: str, b: str) -> bool:
    """Same elements, attributes and text (nh3 writes "text-align:left" for "text-align: left;")."""
    def value(k, v):
        v = " ".join(v) if isinstance(v, list) else v
        return v.replace(" ", "").rstrip(";") if k == "style" else v

    def shape(html):
        soup = BeautifulSoup(html, "html.parser")
        return [(t.name, sorted((k, value(k, v)) for k, v in t.attrs.items()), t.get_text())
                for t in soup.find_all(True)]
    return shape(a) == shape(b)


@pytest.mark.parametrize("page", sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")))
def test_sample_pages_render_identically(page):
    """Everything the sample site's Markdown produces survives the hook unchanged."""
    text = (DOCS / page).read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    html = render(body)
    assert _same_dom(html, hook.sanitise_html(html))


def test_extension_output_is_kept():
    html = render('# T\n\n!!! note "Note"\n    text\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n'
                  '![alt](https://img.example.org/a.png)\n\n[rel](../other/) [mail](mailto:a@b.c)\n\n'
                  'Para {: .big #p1 }\n\n`code`\n\n    block\n')
    assert _same_dom(html, hook.sanitise_html(html))


def test_front_matter_and_toc_titles_become_text():
    class Page:
        meta = {"title": "<img src=x onerror=alert(1)>标题 & 副题", "description": "</title><script>x</script>",
                "translations": ["en"]}

    page = Page()
    hook.on_page_markdown("", page, None, None)
    assert page.meta["title"] == "&lt;img src=x onerror=alert(1)&gt;标题 &amp; 副题"  # shown as written
    assert page.meta["description"] == "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"
    assert page.meta["translations"] == ["en"]
    hook.on_page_markdown("", page, None, None)  # a second language build escapes nothing twice
    assert page.meta["title"] == "&lt;img src=x onerror=alert(1)&gt;标题 &amp; 副题"
