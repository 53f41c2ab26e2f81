"""The language being built. mkdocs-static-i18n runs one MkDocs build per language;
every hook asks it through here (a build without the plugin has one language)."""
from __future__ import annotations


def i18n_plugin(config):
    """mkdocs-static-i18n's plugin object, or None in a build without it."""
    return config.plugins.get("i18n")


def languages(config) -> tuple[str, str]:
    """(language being built, default language)."""
    i18n = i18n_plugin(config)
    if i18n is None:
        return config.theme["language"], config.theme["language"]
    return i18n.current_language, i18n.default_language
