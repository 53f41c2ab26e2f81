"""A corpus of script-injection vectors, written for these tests.

Each vector carries a token `X<n>` so a test can tell that its text reached the
page (shown as text, not lost) and which vector misbehaved. Sources: the usual
XSS families — raw tags, event handlers, dangerous URL schemes (plain,
entity-encoded, mixed case, with control characters), Markdown links and
images, attribute lists, mutation-XSS nesting, and attribute breakouts.
"""
from __future__ import annotations

VECTORS = [
    "<script>alert('X{n}')</script>",
    "<SCRIPT SRC=http://evil.example/X{n}.js></SCRIPT>",
    "<img src=x onerror=alert('X{n}')>",
    "<svg onload=alert('X{n}')>",
    "<svg><script>alert('X{n}')</script></svg>",
    "<iframe srcdoc=\"<script>alert('X{n}')</script>\"></iframe>",
    "<iframe src=\"javascript:alert('X{n}')\"></iframe>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('X{n}')\">",
    "<body onload=alert('X{n}')>",
    "<a href=\"javascript:alert('X{n}')\">click X{n}</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert('X{n}')\">X{n}</a>",
    "<a href=\"jav&#x09;ascript:alert('X{n}')\">X{n}</a>",
    "[click X{n}](javascript:alert('X{n}'))",
    "[click X{n}](JaVaScRiPt:alert('X{n}'))",
    "![X{n}](javascript:alert('X{n}'))",
    "[X{n}](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![X{n}](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "这一段带属性 X{n}\n{: onclick=\"alert('X{n}')\" }",
    "小标题 X{n} {: onmouseover=alert('X{n}') }",
    "<details open ontoggle=alert('X{n}')>X{n}</details>",
    "<video><source onerror=alert('X{n}')></video> X{n}",
    "<object data=\"javascript:alert('X{n}')\"></object> X{n}",
    "<embed src=\"javascript:alert('X{n}')\"> X{n}",
    "<form action=\"javascript:alert('X{n}')\"><button>X{n}</button></form>",
    "<input autofocus onfocus=alert('X{n}')> X{n}",
    "<style>@import 'http://evil.example/X{n}.css';</style>",
    "<link rel=stylesheet href=http://evil.example/X{n}.css>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('X{n}')>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('X{n}')>\">",
    "<<script>script>alert('X{n}')<</script>/script>",
    "\"><script>alert('X{n}')</script>",
    "<base href=\"http://evil.example/X{n}/\">",
    "<div style=\"background:url(javascript:alert('X{n}'))\">X{n}</div>",
    "<svg><a xlink:href=\"javascript:alert('X{n}')\"><text>X{n}</text></a></svg>",
    "<a href=\"vbscript:msgbox('X{n}')\">X{n}</a>",
    "[X{n}]\n\n[X{n}]: javascript:alert('X{n}')",
    "<x onclick=alert('X{n}')>X{n}</x>",
    "<img src=\"http://evil.example/X{n}.gif\">",
    "`<script>alert('X{n}')</script>` 是一段代码",
    "<!-- X{n} --><script>alert('X{n}')</script>",
    "<template><script>alert('X{n}')</script></template> X{n}",
    "&lt;script&gt;alert('X{n}')&lt;/script&gt;",
    "<isindex action=javascript:alert('X{n}') type=image> X{n}",
    "X{n}\n--8<-- \"/etc/passwd\"",
    "<a href=\"java\nscript:alert('X{n}')\">X{n}</a>",
]


def vector(n: int) -> str:
    return VECTORS[n].replace("{n}", str(n))


def tokens() -> list[str]:
    return [f"X{n}" for n in range(len(VECTORS))]
