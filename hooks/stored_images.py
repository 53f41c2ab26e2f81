"""MkDocs hook: the images stored with the site (docs/images/, importer/images.py) in every language.

mkdocs-static-i18n gives a language build only its own files, and with
`fallback_to_default: false` a file without a language suffix belongs to the
default language alone, so a Traditional or English page's link to
../images/<name> would be a broken link. This adds the stored images to every
other language's files at their one place in the site (site/images/), so the
links resolve, `--strict` checks them, and each image is in the site once.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from importer.render import IMAGES_DIR


# After mkdocs-static-i18n (-100) has chosen this language's files.
@event_priority(-150)
def on_files(files, config):
    folder = Path(config.docs_dir) / IMAGES_DIR
    if not folder.is_dir():
        return files
    for path in sorted(folder.iterdir()):
        src_uri = f"{IMAGES_DIR}/{path.name}"
        if path.is_file() and not path.name.startswith(".") and src_uri not in files.src_uris:
            files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files
