"""A corpus of hostile input, written for these tests.

VECTORS: scraped text. Each vector carries a token `X<n>` so a test can tell
that its text reached the page (shown as text, not lost) and which vector
misbehaved. Sources: the usual XSS families — raw tags, event handlers,
dangerous URL schemes (plain, entity-encoded, mixed case, with control
characters), Markdown links and images, attribute lists, mutation-XSS nesting,
and attribute breakouts — and the block syntax of Markdown extensions at the
start of a line (admonitions, details, fences, definitions, tables, blocks).

HAND_WRITTEN: front matter of pages edited by hand, valid YAML whose values must
show as text. BROKEN_FRONT_MATTER: front matter the build must refuse with one
line naming the file. TITLES: scraped titles with characters that reorder the
text beside them or that XML cannot hold.
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
    # Block syntax of Markdown extensions, which a scraped line may start with.
    "!!! danger \"X{n} 您的账户存在异常登录风险，请立即验证\"",
    "??? note \"X{n} 点击展开全文\"",
    "???+ warning \"X{n}\"\n    折叠块里的文字",
    "~~~\nX{n} 不是代码\n~~~",
    "术语 X{n}\n:   这一行不是定义",
    "| X{n} | 第二列 |\n| --- | --- |\n| 甲 | 乙 |",
    "/// warning | X{n}\n块里的文字\n///",
    "$$\nX{n} = mc^2\n$$",
    "=== \"X{n}\"\n    标签页里的文字",
    "[TOC] X{n}",
    "*[X{n}]: 缩写的解释",
    "正文 X{n}[^1]\n\n[^1]: 脚注 X{n}",
    "    缩进四格的 X{n} 不是代码",
    "详见https://example.com/X{n}原文，下面继续",
]


def vector(n: int) -> str:
    return VECTORS[n].replace("{n}", str(n))


def tokens() -> list[str]:
    return [f"X{n}" for n in range(len(VECTORS))]


# Scraped titles (text sources): a right-to-left override reverses the date a
# listing prints after the title; U+FFFE/U+FFFF make a feed invalid XML.
TITLES = {
    "bidi": "\u202e双语周刊 X-bidi 标题反转\u202c",
    "nonchar": "非字符 X-nonchar \ufffe 标题 \uffff 结尾",
}

# A tag line whose tags hold spaces (two tags, not four).
TAG_LINE = ("Tags: Open Source, Machine Learning", ["Open Source", "Machine Learning"])

# A saved page nested 300 elements deep (libxml2 alone stops at 256 and drops the rest).
DEEP_HTML = ("<!DOCTYPE html><html><body><article><h1>深层嵌套的网页</h1>"
             "<p>开头的段落说明这是一篇正常的文章，只是结构嵌套得很深，导入时不能丢掉后面的文字。</p>"
             + "<div>" * 300 + "<p>最深处的文字 X-deep-inside。</p>" + "</div>" * 300
             + "<p>嵌套之后的结尾段落 X-deep-tail，必须保留下来。</p></article></body></html>")

# Hand-written pages whose front matter is valid YAML: every value must show as text.
HAND_WRITTEN = {
    "hand-markup": (
        "title: \"<img src=x onerror=alert('F0')>手写页面 F0\"\n"
        "date: 2025-03-01\nlang: zh-Hans\n"
        "author: \"\\\"><script>alert('F1')</script>\"\n"
        "description: \"</title><script>alert('F2')</script>\"\n"
        "tags: [\"</title><b onmouseover=alert('F3')>标签</b>\", 2025]\n"
        "notes: {\"<img src=x onerror=alert('F4')>\": \"<svg onload=alert('F5')>\"}\n"
    ),
    "hand-bidi": "title: \"\u202e手写反转标题 F6\u2066\"\ndate: 2025-03-02\nlang: zh-Hans\nauthor: \"\u200b\u202e编辑\"\n",
    "hand-nonchar": "title: \"手写非字符 \\uFFFE F7 \\uFFFF\"\ndate: 2025-03-03\nlang: zh-Hans\n",
}

# A page without a front-matter title: its title comes from the heading.
HAND_WRITTEN_PAGE = ("---\nlang: zh-Hans\n---\n\n# &lt;/title&gt;&lt;img src=x onerror=alert('F8')&gt; 笔记\n\n"
                     "这一页没有在前言里写标题，标题来自第一行的标题。F8\n")

# Nine levels of ten aliases: about 600 bytes that expand to a billion strings.
ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8))

# Front matter the build refuses: (name, YAML, what the one-line error says).
BROKEN_FRONT_MATTER = [
    ("mapping-title", "title: {\"<img src=x onerror=alert(1)>\": 1}\n", "'title' must be text"),
    ("binary-title", "title: !!binary PGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDEpPg==\n", "'title' holds binary data"),
    ("set-author", "title: Fine\nauthor: !!set {\"<script>alert(1)</script>\"}\n", "'author' holds a set"),
    ("mapping-tag", "title: Fine\ntags: [{\"<b onmouseover=alert(1)>x</b>\": 1}]\n", "'tags' must be a list of words"),
    ("pairs-description", "title: Fine\ndescription: !!omap [{a: \"<svg onload=alert(1)>\"}]\n",
     "'description' holds pairs"),
    ("alias-bomb", "title: Fine\n" + ALIAS_BOMB, "YAML alias"),
    ("impossible-date", "title: Fine\ndate: 2026-02-30\n", "impossible date '2026-02-30'"),
    ("deep-nesting", "title: Fine\nx: " + "[" * 30_000 + "]" * 30_000 + "\n", "nested more than"),
    ("huge", "title: Fine\nx: \"" + "长" * 30_000 + "\"\n", "larger than 64 KB"),
]


# Raw HTML, `javascript:` links and attribute lists in Markdown: what the sanitising hook
# (hooks/sanitise.py) must make inert (tests/test_sanitise_hook.py, test_html_site.py).
HOSTILE_MARKDOWN = """\
# 标题

<script>alert('raw-script')</script>
<img src="x" onerror="alert('raw-img')">
<a href="javascript:alert('raw-a')">raw link</a> <a href="JaVaScRiPt:alert('case')">case</a>
<a href="jav&#x09;ascript:alert('tab')">tab</a>

[md link](javascript:alert('md-link')) [data link](data:text/html;base64,PHNjcmlwdD4=)
![img](data:image/svg+xml;base64,PHN2Zz4=)

<iframe src="https://evil.example.net/"></iframe>
<form action="https://evil.example.net/"><input name="p"><button>go</button></form>
<meta http-equiv="refresh" content="0;url=https://evil.example.net/">
<svg onload="alert('svg')"><circle r="1"></circle></svg>
<details open ontoggle="alert('toggle')"><summary>s</summary>d</details>
<style>@import url(https://evil.example.net/x.css);</style>
<object data="https://evil.example.net/x.swf"></object><embed src="https://evil.example.net/y.swf">
<link rel="stylesheet" href="https://evil.example.net/z.css">
<base href="https://evil.example.net/">
<table><tr><td style="background: url(https://evil.example.net/bg.png); text-align: center">cell</td></tr></table>

Paragraph with attributes
{: onclick="alert('attr')" style="position: fixed" }

Safe text stays.
"""
