"""What counts as a Han (Chinese) character: one definition for the importer, the listings and search.

Light on purpose (no OpenCC): listings and hooks import it at every build.
"""
from __future__ import annotations

import re

# CJK Unified Ideographs with Extension A, and the Compatibility Ideographs.
HAN_CHARS = "\u3400-\u9fff\uf900-\ufaff"
# The same with the ideographs of the supplementary planes (Extension B onward):
# what OpenCC converts and what the search folds.
HAN_CHARS_WIDE = HAN_CHARS + "\U00020000-\U0002ffff"
HAN = re.compile(f"[{HAN_CHARS}]")
HAN_WIDE = re.compile(f"[{HAN_CHARS_WIDE}]")
