"""MkDocs hooks patching two gaps of mkdocs-static-i18n 1.3 (found by tests/test_site_build.py).

The plugin builds every language into the same site directory one after the
other, and each build renders the theme's static templates again, at the root:

* 404.html: every language build writes the root one, so the last (English)
  would win the site root, where GitHub Pages serves it for every missing URL.
  The default language's stays there, and each other language's goes to
  <language>/404.html (overrides/404.html sends readers to it).
* static templates are rendered after the pages, with the language switcher
  (config.extra.alternate) still pointing at the last page built. For 404.html
  we reset it to the language home pages.
"""

from __future__ import annotations

import copy
from pathlib import Path

from listings.i18n import i18n_plugin

_NOT_FOUND = "404.html"
_default_not_found: str | None = None  # the default language's 404 page of this build


def on_template_context(context, template_name, config):
    if template_name == _NOT_FOUND:
        i18n = i18n_plugin(config)
        homes = getattr(i18n, "extra_alternate", None)
        if homes:
            # The plugin sets the *attribute* per page, which templates read before the key.
            config.extra.alternate = copy.deepcopy(homes)
    return context


def on_post_template(output_content, template_name, config):
    global _default_not_found
    if template_name != _NOT_FOUND:
        return output_content
    i18n = i18n_plugin(config)
    if i18n is None or i18n.current_language == i18n.default_language:
        _default_not_found = output_content
        return output_content
    path = Path(config.site_dir) / i18n.current_language / _NOT_FOUND
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(output_content, encoding="utf-8")
    # MkDocs writes what is returned to the root: the default language's page again.
    return _default_not_found or output_content
