"""MkDocs hooks patching two gaps of mkdocs-static-i18n 1.3 (found by tests/test_site_build.py).

The plugin builds every language into the same site directory one after the
other, and each build renders the theme's static templates again:

* 404.html is written by every language build, so the last one (English) wins
  the site root, where GitHub Pages serves it for every missing URL. We keep the
  default language's 404 (overrides/404.html is trilingual anyway).
* static templates are rendered after the pages, with the language switcher
  (config.extra.alternate) still pointing at the last page built. For 404.html
  we reset it to the language home pages.
"""

from __future__ import annotations

import copy

_NOT_FOUND = "404.html"


def _i18n(config):
    return config.plugins.get("i18n")


def on_template_context(context, template_name, config):
    if template_name == _NOT_FOUND:
        i18n = _i18n(config)
        homes = getattr(i18n, "extra_alternate", None)
        if homes:
            config.extra["alternate"] = copy.deepcopy(homes)
    return context


def on_post_template(output_content, template_name, config):
    if template_name == _NOT_FOUND:
        i18n = _i18n(config)
        if i18n is not None and i18n.current_language != i18n.default_language:
            return ""  # MkDocs skips writing an empty template (an INFO message only)
    return output_content
