"""mkdocs-static-i18n's per-file work, remembered between the preview's builds.

For every build the plugin turns each file of docs/ into a file of the language
being built (`create_i18n_file`: destination, URL, locale), once per language and
again for each translation it links; on a large archive that is half of a quick
rebuild. Its result depends on the file's paths and the languages only, so the
preview keeps one made copy per file and language and hands out fresh copies of
it (the build then attaches its page and its translations to each).
"""
from __future__ import annotations

import copy

from mkdocs_static_i18n import suffix

_create = suffix.create_i18n_file
_made: dict[tuple, object] = {}


def _remembered(file, current_language, default_language, all_languages, config):
    key = (file.src_uri, file.dest_uri, file.inclusion, current_language, default_language,
           tuple(all_languages), config.docs_dir, config.site_dir, config.use_directory_urls)
    made = _made.get(key)
    if made is None:
        made = _made[key] = copy.copy(_create(file, current_language, default_language, all_languages, config))
    fresh = copy.copy(made)
    fresh.alternates = {current_language: fresh}  # as the plugin makes it: each file lists itself
    return fresh


def remember() -> None:
    """From now on, in this process (the plugin looks the function up on each build)."""
    suffix.create_i18n_file = _remembered
