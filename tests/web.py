"""A small web site on 127.0.0.1 (an ephemeral port) for the fetching tests: fixed
answers per path, redirects, a server that never answers, one that never stops."""
from __future__ import annotations

import http.server
import threading
from dataclasses import dataclass


@dataclass
class Answer:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str = ""
    stall: bool = False
    """Answer nothing until the site closes (a server that hangs)."""
    endless: bool = False
    """Send a body that never ends (no Content-Length), until the client stops reading."""
    length: int | None = None
    """A Content-Length to declare instead of the body's."""
    headers: dict[str, str] | None = None


class Site:
    """`with Site() as site: site.add("/a.html", Answer(...)); site.url("/a.html")`"""

    def __init__(self):
        self.answers: dict[str, Answer] = {}
        self.requests: list[str] = []
        self.release = threading.Event()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                site.requests.append(self.path)
                answer = site.answers.get(self.path, Answer(b"not here", "text/plain", 404))
                if answer.stall:
                    site.release.wait()
                    return
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                if answer.location:
                    self.send_header("Location", answer.location)
                for name, value in (answer.headers or {}).items():
                    self.send_header(name, value)
                if answer.endless:
                    self.send_header("Connection", "close")
                else:
                    length = answer.length if answer.length is not None else len(answer.body)
                    self.send_header("Content-Length", str(length))
                self.end_headers()
                try:
                    if answer.endless:
                        chunk = b"<p>" + b"x" * 65536 + b"</p>\n"
                        while not site.release.is_set():
                            self.wfile.write(chunk)
                    else:
                        self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    def add(self, path: str, answer: Answer) -> str:
        self.answers[path] = answer
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def fetches(self, path: str) -> int:
        return self.requests.count(path)


# Articles written for these tests (the project's own sentences).
ARTICLES = {
    "night-bus": ("湖畔小城试行夜间公交", "2026-11-02", [
        "湖畔小城从本月起试行两条夜间公交线路，末班车延长到凌晨一点。",
        "交通局表示，夜班线路经过医院、火车站和三个大型住宅区，方便晚归的上班族和夜班医护人员。",
        "试行期为三个月，期间票价与白天相同，乘客可以在站台扫码留下意见。",
        "如果乘客数量达到预期，明年春天将增加第三条线路，并把发车间隔缩短到二十分钟。",
    ]),
    "book-swap": ("社区图书馆推出旧书交换日", "2026-11-09", [
        "城西社区图书馆宣布，每个月的第一个周六定为旧书交换日，居民可以带来读过的书换走别人的书。",
        "馆长介绍，交换来的童书最受欢迎，第一次活动就有两百多位居民参加，书架在中午前就空了一半。",
        "为了让交换更公平，图书馆给每本书贴上一张小卡片，写明捐书人推荐的理由。",
        "志愿者还会把品相不好的书送去修补，修好的书下个月再放回交换区。",
    ]),
    "river-cleanup": ("Volunteers clear the old canal before winter", "2026-11-16", [
        "More than eighty volunteers spent Saturday morning pulling branches, bottles and a rusty bicycle out of the old canal.",
        "The town council lent them two flat boats and a trailer, and a local bakery brought bread rolls for everyone at noon.",
        "Organisers said the water level drops every November, which is the only time the muddy banks can be reached on foot.",
        "They plan to plant reeds along the east bank next spring so that the ducks have somewhere to nest.",
    ]),
    "solar-water": ("山区学校用上太阳能热水", "2026-11-12", [
        "大山深处的一所寄宿学校本周装好了太阳能热水器，三百多名学生冬天终于能洗上热水澡。",
        "校长说，过去学生们要排队用一口大锅烧水，晚自习后常常等到很晚才能洗漱。",
        "热水器由附近的工厂捐赠，工人们利用周末把集热板一块块搬上宿舍楼顶。",
        "学校还打算在食堂安装同样的设备，让厨房也少烧一些柴火。",
    ]),
}


def article_html(name: str, canonical: str = "", charset: str | None = "utf-8") -> str:
    """A whole web page holding one of ARTICLES, as a news site would serve it."""
    title, date, paragraphs = ARTICLES[name]
    meta = f'<meta charset="{charset}">' if charset else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html>\n<html><head>{meta}<title>{title}</title>{link}"
            f'<meta name="date" content="{date}"></head>\n<body><nav><a href="/">Home</a> <a href="/news/">News</a></nav>\n'
            f"<article><h1>{title}</h1>\n<p>{date}</p>\n{body}\n</article>\n"
            f"<footer>Copyright 2026 Lakeside Daily</footer></body></html>\n")


def rss(items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, link, RFC 822 date) items."""
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>"
                      for t, link, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Lakeside Daily</title>'
            f"<link>http://127.0.0.1/</link><description>News</description>{entries}</channel></rss>").encode()


def atom(items: list[tuple[str, str, str]]) -> bytes:
    """An Atom feed of (title, link, ISO date) items."""
    entries = "".join(f'<entry><title>{t}</title><link href="{link}"/><id>{link}</id><updated>{d}T08:00:00Z</updated></entry>'
                      for t, link, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Canal notes</title><id>urn:canal</id><updated>2026-11-16T08:00:00Z</updated>{entries}</feed>").encode()
