"""Page chrome around a scraped report: which lines are not report text, and masking them.

A report saved from a local website carries the site around it: navigation bars, breadcrumbs
(您当前的位置：首页 > 新闻), "APP下载" and share buttons, the site's name, a dateline opening the
first paragraph (中新网某省新闻5月3日电（记者 …）, 某某日报讯), a "相关新闻" block of other
headlines, and a footer (版权所有, ICP备案, 责任编辑). None of it is report text: it adopts
nothing and never sets the report's subject, and the report's title is the headline, not the
first line of chrome.

``mask_chrome`` blanks such lines (and a leading dateline) with spaces in the folded text, so
that offsets still index the original text while the extractor never reads them.
``is_chrome_line`` is the line test the title finder uses. The rules are deliberately narrow:
a line of report prose is never chrome, however short.
"""

from __future__ import annotations

import re

__all__ = [
    "dateline_end",
    "is_chrome_line",
    "mask_chrome",
    "opening_dateline",
    "related_heading",
    "source_outlet",
    "strip_site_name",
    "strip_source_tag",
]

# A breadcrumb: 您当前的位置：首页 > 新闻 > 正文, or a path of short parts joined by > » / ＞.
_BREADCRUMB_LEAD = re.compile(r"^(?:您|你)?(?:当前|现在|目前)?的?(?:所在)?位置\s*[:：]?")
_PATH_SEP = re.compile(r"\s*(?:>>|>|»|＞|›)\s*")
# Buttons and widgets of a page (exact short lines or lines made only of them).
_UI_WORDS = (
    "APP下载", "下载APP", "下载客户端", "客户端下载", "扫一扫", "扫码", "分享到", "分享至", "打印",
    "关闭", "关闭窗口", "打印本页", "关闭本页", "收藏", "加入收藏", "设为首页", "返回顶部", "回到顶部",
    "返回首页", "登录", "注册", "无障碍", "繁体", "简体", "繁体版", "简体版", "网站地图", "字号", "大",
    "中", "小", "默认", "首页", "上一页", "下一页", "更多", "更多>>", "【打印】", "【关闭】", "【大】",
    "【中】", "【小】", "微信", "微博", "QQ空间", "手机版", "English", "搜索", "举报", "纠错", "我要纠错",
    "点击", "查看原文", "阅读全文", "展开全文", "通版阅读请点击", "展开通版", "收缩通版", "版面导航",
    # an e-paper reader's buttons: 放大 缩小 默认, 上一版 下一版 上一期 下一期
    "放大", "缩小", "还原", "上一版", "下一版", "上一期", "下一期", "上一篇", "下一篇",
)  # fmt: skip
_UI_TOKEN = re.compile(r"[【\[]?([^【】\[\]\s|｜/·•]{1,8})[】\]]?")
# Footers and by-lines: labels that never open a sentence of a report.
_FOOTER = re.compile(
    r"版权所有|copyright|©|ICP备|ICP证|公网安备|网站标识码|主办单位|承办单位|主办[:：]|承办[:：]|技术支持[:：]|"
    r"联系我们|关于我们|责任编辑|编辑[:：]|校对[:：]|审核[:：]|审校[:：]|监制[:：]|作者[:：]|来源[:：]|"
    r"浏览次数|阅读次数|点击数|访问量|(?:阅读|浏览|点击|访问)(?:数|量)\s*[:：]|字体[:：]|"
    r"^(?:时间|日期)[:：]\s*\d{4}[-/.]|发布时间[:：]|发布日期[:：]|^当前版[:：]|^第\d+版[:：]|"
    r"^(?:供稿|撰稿|投稿|稿源|责编|初审|复审|终审|摄影|通讯员)[:：]|"
    r"^(?:图\s*[/／]\s*文|文\s*[/／]\s*图|图文)\s*[:：]?",
    re.IGNORECASE,
)
# A by-line on a line of its own: （某县融媒体中心 记者 某某 通讯员 某某）.
_BYLINE = re.compile(r"^[（(][^（）()]{0,40}(?:记者|通讯员|供稿|融媒体中心)[^（）()]{0,40}[）)]$")
# The same by-line closing a paragraph (…化解纠纷120件。（某县融媒体中心 记者 某某）); a photo credit
# (记者 某某 摄, 供图) is left alone, it marks a caption.
_TRAILING_BYLINE = re.compile(
    r"(?<=[。！？!?”])\s*[（(](?=[^（）()]{0,80}[）)]\s*$)(?![^（）()]*(?:摄|图))"
    r"[^（）()]{0,40}(?:记者|通讯员|融媒体中心|供稿)[^（）()]{0,40}[）)]\s*$"
)
# A line of reporters' names alone: □ 本报记者 某某, 本报通讯员 某某 实习生 某某, and the same credited
# to a named outlet (某某日报全媒体记者 某某, 某网记者 某某, 某社记者 某某 某某), a platform carrying the
# paper written before it (某某云/某某日报记者 某某) included.
_REPORTERS = re.compile(
    r"^[□■]?\s*(?:[\u4e00-\u9fffA-Za-z·]{1,10}[/／])?(?:(?:本报|本台|本网|特约|[\u4e00-\u9fff·]{1,14}?(?:报社?|网|社|台|融媒体中心|新闻中心|客户端))?"
    r"(?:全媒体|首席|特约|见习|常驻)?(?:记者|通讯员|实习生)\s*[\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4})*\s*)+$"
)
# The card of a WeChat account on a page that reprints its article (专栏名称：某某, 某某官方微信公众平台,
# 某某 · 公众号 · 2025-02-08, 文章预览, 原文地址): the account, not the article's title.
_WECHAT_CARD = re.compile(
    r"^(?:专栏名称|公众号名称|公众号|微信号)\s*[:：]|官方微信(?:公众)?(?:平台|号)$|[·•]\s*公众号\s*[·•]"
    r"|^(?:文章预览|原文地址|阅读原文|快照地址|总结与预览地址)"
)
# The heading of a block of other articles' titles.
_RELATED = re.compile(
    r"^[【\[]?(?:相关(?:新闻|阅读|文章|链接|报道|推荐|资讯)|推荐阅读|延伸阅读|热点(?:新闻|推荐)|热门(?:新闻|推荐|文章)|"
    r"猜你喜欢|精彩推荐|点击排行|阅读排行|图片新闻|往期回顾|上一篇|下一篇|今日推荐|最新(?:新闻|文章)|更多新闻|"
    r"热门评论|网友评论|网友回应|免责声明|【免责声明】|(?:新闻|频道|编辑|为你|为您)推荐|加载更多)"
)
# A site's own name on a line of its own.
_SITE_NAME = re.compile(
    r"^[\u4e00-\u9fffA-Za-z0-9·《》 ]{0,24}(?:门户网站|政府网|新闻网|长安网|平安网|法治网|政法网|官方网站|"
    r"官网|日报|晚报|都市报|电视台|广播电视台|融媒体中心|客户端|新闻客户端|网站|在线|头条)$"
)
# A dateline opening the first paragraph: 中新网某省新闻5月3日电（记者 某某）, 本报讯（通讯员 …）, 本报某市讯,
# 新华社某市电, 某某日报讯.
_DATELINE = re.compile(
    r"^(?:本(?:报|网|台)(?:[\u4e00-\u9fff]{2,6})?讯|(?:新华社|中新社)(?!记者)[\u4e00-\u9fff]{2,6}电"
    r"|[^\s，,。；;：:]{2,14}?(?:报|网|台|客户端|融媒)讯|【[^【】]{1,12}(?:报|网|台|客户端|新闻)】"
    r"|[^\s，,。；;：:]{2,14}?(?:网|社|台|新闻|客户端|在线|报)[^\s，,。；;：:]{0,10}?[0-9０-９]{1,2}月[0-9０-９]{1,2}日"
    r"[^\s，,。；;：:]{0,6}?(?:电|讯)"
    r"|[^\s，,。；;：:]{1,10}?(?:网|报|台|客户端)[^\s，,。；;：:]{1,6}?消息(?=\s))"  # 某某网某市消息 …
    r"\s*(?:[（(][^（）()]{0,40}[）)])?\s*[：:，,]?\s*"
)
_SOURCE_TAG = re.compile(r"^\s*【[^【】]{1,12}(?:报|网|台|客户端|新闻)】")
_DATELINE_LINES = 10  # a dateline opens one of the first lines of a page
_SENTENCE_PUNCT = re.compile(r"[。！？!?；;，,]")
_MAX_RELATED_TITLE = 48


def _ui_only(line: str) -> bool:
    """A line made only of page buttons (打印 关闭 | 分享到 微信 微博)."""
    tokens = [t.group(1) for t in _UI_TOKEN.finditer(line)]
    return bool(tokens) and all(t in _UI_WORDS or t.rstrip(":：") in _UI_WORDS for t in tokens)


def _nav_bar(line: str) -> bool:
    """Navigation: four or more short items separated by spaces or bars, no sentence punctuation."""
    if _SENTENCE_PUNCT.search(line):
        return False
    parts = [p for p in re.split(r"[\s|｜/·•]+", line) if p]
    return len(parts) >= 4 and all(len(p) <= 6 for p in parts)


def _breadcrumb(line: str) -> bool:
    if _BREADCRUMB_LEAD.match(line):
        return True
    parts = _PATH_SEP.split(line)
    return len(parts) >= 3 and all(0 < len(p) <= 12 for p in parts) and not _SENTENCE_PUNCT.search(line)


_IMAGE_FILE = re.compile(r"^\S{1,40}\.(?:jpe?g|png|gif|webp|bmp)$", re.IGNORECASE)


def is_chrome_line(line: str) -> bool:
    """Whether one (folded, stripped) line is page chrome rather than report text."""
    s = line.strip()
    if not s:
        return False
    if _IMAGE_FILE.match(s):  # 图片1.jpg left behind by an image
        return True
    if _breadcrumb(s) or _ui_only(s) or _nav_bar(s) or related_heading(s):
        return True
    if len(s) <= 60 and _FOOTER.search(s) and not s.endswith("。"):
        return True
    if _BYLINE.match(s) or _REPORTERS.match(s):
        return True
    if len(s) <= 48 and _WECHAT_CARD.search(s):
        return True
    return len(s) <= 24 and _SITE_NAME.match(s) is not None


def related_heading(line: str) -> bool:
    """Whether a line opens a block of other articles' titles (相关新闻, 推荐阅读 …)."""
    return _RELATED.match(line.strip()) is not None


def dateline_end(line: str) -> int:
    """Length of a dateline opening ``line`` (0 when there is none); the report text follows it."""
    m = _DATELINE.match(line)
    if m is None or m.end() >= len(line.rstrip()):
        return 0
    return m.end()


def opening_dateline(folded: str) -> str:
    """The dateline opening one of the first lines of ``folded`` (the text ``mask_chrome`` blanks
    there), or ''."""
    seen = 0
    for line in folded.split("\n", _DATELINE_LINES * 3)[: _DATELINE_LINES * 3]:
        s = line.strip()
        if not s or is_chrome_line(s):
            continue
        cut = dateline_end(s)
        if cut:
            return s[:cut].rstrip()
        seen += 1
        if seen >= _DATELINE_LINES:
            break
    return ""


_SOURCE_LABEL = re.compile(r"(?:信息|稿件|文章)?来源\s*[:：]\s*([^\s|｜/]{2,24})")


def source_outlet(folded: str) -> str:
    """The outlet a page's chrome credits (来源：某县融媒体中心 -> 某县融媒体中心), or ''."""
    for line in folded.split("\n"):
        s = line.strip()
        # 来源 first: the chrome test is the costly part, and only a 来源 line can credit an outlet
        if "来源" in s and is_chrome_line(s) and (m := _SOURCE_LABEL.search(s)) is not None:
            return m.group(1)
    return ""


def strip_source_tag(line: str) -> str:
    """A headline without the outlet tag opening it: '【某某日报】平安建设见实效' -> '平安建设见实效'."""
    m = _SOURCE_TAG.match(line)
    return line[m.end() :].lstrip() if m and m.end() < len(line) else line


def strip_site_name(title: str) -> str:
    """A page <title> without its site-name suffix or prefix: 'Headline_某市政府网' -> 'Headline'."""
    parts = [p.strip() for p in re.split(r"\s*[|｜_]\s*|\s+[-–—]+\s+", title) if p.strip()]
    if len(parts) < 2:
        return title.strip()
    kept = [p for p in parts if not is_chrome_line(p)]
    return max(kept or parts, key=len)


# 某省人民政府某某办公室 / 某某网版权所有: a body's name alone on the line over a copyright
# notice is the site's owner, credited in the footer
_OWNER_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:办公室|人民政府|委员会|政府|局|厅|中心|报社|网)$")
_COPYRIGHT = re.compile(r"版权所有|copyright|©", re.IGNORECASE)


def mask_chrome(folded: str) -> str:
    """``folded`` with chrome lines and an opening dateline replaced by spaces (length kept)."""
    out: list[str] = []
    in_related = False
    lines_seen = 0
    for line in folded.split("\n"):
        s = line.strip()
        chrome = False
        if s:
            if related_heading(s):
                in_related, chrome = True, True
            elif in_related and len(s) <= _MAX_RELATED_TITLE and not s.endswith("。"):
                chrome = True  # another article's title in the related block
            else:
                in_related = False
                chrome = is_chrome_line(s)
        if chrome:
            if _COPYRIGHT.search(s) and out and _OWNER_LINE.match(out[-1].strip()):
                out[-1] = " " * len(out[-1])
            out.append(" " * len(line))
            continue
        byline = _TRAILING_BYLINE.search(line)
        if byline is not None:
            line = line[: byline.start()] + " " * (len(line) - byline.start())
        if s and lines_seen < _DATELINE_LINES:
            lines_seen += 1  # an opening paragraph's dateline is not report text
            lead = len(line) - len(line.lstrip())
            cut = dateline_end(line[lead:])
            if cut:
                line = line[:lead] + " " * cut + line[lead + cut :]
        out.append(line)
    return "\n".join(out)
