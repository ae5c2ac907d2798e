"""Page chrome around scraped reports, real headlines, and inline pinyin glosses.

Every page and sentence here is invented for the test; none comes from a corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govkg.loaders.chrome import (
    dateline_end,
    is_chrome_line,
    mask_chrome,
    opening_dateline,
    source_outlet,
    strip_site_name,
)
from govkg.loaders.documents import from_text, read_file
from govkg.loaders.extract import extract
from govkg.loaders.glosses import strip_glosses

PAGE = """首页 新闻 政务 服务 互动 专题
您当前的位置：首页 > 政法动态 > 正文
APP下载
白河县：老兵调解室化解纠纷三百件
2023-05-06 来源：白河日报 作者：张某
白河日报讯（记者 李某）今年以来，白河县城关镇推行“老兵调解室”，化解纠纷300余件。
县委政法委通报电信诈骗案件下降两成。
相关新闻
包头市推进网格化管理
昆都仑区雪亮工程建设提速
版权所有：白河县人民政府 ICP备12345678号
"""


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def test_mask_blanks_chrome_and_keeps_offsets() -> None:
    masked = mask_chrome(PAGE)
    assert len(masked) == len(PAGE)
    assert all(m == p or not m.strip() or p.endswith(m.strip()) for m, p in zip(masked, PAGE, strict=True))
    assert _lines(masked) == [
        "白河县：老兵调解室化解纠纷三百件",
        "今年以来，白河县城关镇推行“老兵调解室”，化解纠纷300余件。",
        "县委政法委通报电信诈骗案件下降两成。",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "您当前的位置：首页 > 工作动态",
        "首页 > 平安建设 > 基层治理",
        "APP下载",
        "【打印】 【关闭】",
        "分享到： 微信 微博",
        "首页 机构 新闻 公开 服务 互动",
        "版权所有 某市委政法委员会",
        "责任编辑：王某",
        "南湖县人民政府门户网站",
        "相关阅读",
        "图片1.jpg",
        "热门评论",
        "某省日报报业集团主管 《某省法治报》官方网站",
        "当前位置:某省长安网>平安某省>平安创(chuàng)建",
        "供稿：石岭镇人民政府",
        "图/文：北湖区公安分局",
        "通讯员：某某 摄影：某某",
        "（南湖县融媒体中心 记者 某某 通讯员 某某）",
        "□ 本报记者 某某某",
        "本报通讯员 某某 实习生 某某",
        # the reporters credited to a named outlet
        "□ 南湖日报全媒体记者 某某",
        "某省法治报记者某某",
        "某某新闻网记者 某某 某某",
        "2023-05-06  南湖县人民法院 阅读数:1234 【字体: 【打印】 【关闭】",
        "时间:2023-05-06 09:15:53",
        # an e-paper reader's buttons
        "放大 缩小 默认",
        "上一版 下一版 上一期 下一期",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "北湖区推行网格化管理，全区划分网格320个。",
        "三、织密治安防控网",
        "践行枫桥经验 多元调处化解矛盾纠纷",
        "受理→分流→调处→回访",
        "中心设在县政务服务大厅。",
        "▲石岭镇网格员入户走访（摄影：某某）",
        "（二）北湖区公安分局让民警进网格",
        "本报记者日前走访了石岭镇",
        "南湖日报记者跟随网格员走进石岭镇",
        "石岭镇普法公众号阅读量突破10万",
        "放大矛盾纠纷排查范围",
    ],
)
def test_report_lines_are_not_chrome(line: str) -> None:
    assert not is_chrome_line(line)


def test_dateline_is_cut_but_a_sentence_that_starts_like_one_is_not() -> None:
    line = "中新网某省新闻11月25日电（记者 王某）富川县今年推行一村一辅警。"
    assert line[dateline_end(line) :] == "富川县今年推行一村一辅警。"
    assert dateline_end("本报讯（通讯员 赵某）石门镇建成综治中心。") > 0
    assert dateline_end("县委政法委通报电信诈骗案件下降两成。") == 0
    assert dateline_end("县日报社报道了此事。") == 0
    assert dateline_end("某某网江城消息 为提升乡村治安水平，北山乡组建联防小组。") > 0
    assert dateline_end("群众消息灵通，北山乡及时处置。") == 0
    assert dateline_end("某省法治报-某某在线12月20日讯  石岭镇建成综治中心。") > 0
    assert dateline_end("某省网11月13日江城讯(记者 某某)全省护路联防座谈会召开。") > 0
    assert dateline_end("本报江城讯 石岭镇建成综治中心。") > 0
    assert dateline_end("新华社江城电 石岭镇建成综治中心。") > 0
    assert dateline_end("本报记者日前走访了石岭镇。") == 0
    assert dateline_end("新华社记者走访石岭镇供电所。") == 0


def test_the_opening_dateline_is_read_back_from_the_first_lines() -> None:
    page = "首页 > 基层动态\n小网格里的大民生\n某某日报讯（记者 某某）石门镇新建了一处调解室。\n"
    assert opening_dateline(page) == "某某日报讯（记者 某某）"
    assert opening_dateline("小网格里的大民生\n石门镇新建了一处调解室。\n") == ""


def test_a_by_line_closing_a_paragraph_is_blanked_but_a_photo_credit_stays() -> None:
    line = "北湖区建成综治中心。（南湖县融媒体中心 记者 某某）"
    assert mask_chrome(line).rstrip() == "北湖区建成综治中心。"
    caption = "石岭镇调解员上门调处纠纷。（记者 某某 摄）"
    assert mask_chrome(caption) == caption


def test_the_outlet_a_source_line_credits() -> None:
    assert source_outlet("标题\n2023-05-06 来源：南湖县融媒体中心 作者：某某\n正文。\n") == "南湖县融媒体中心"
    assert source_outlet("标题\n石岭镇建成综治中心，来源于群众的建议。\n") == ""


def test_chrome_adopts_nothing_and_never_sets_the_subject() -> None:
    ex = extract(from_text(PAGE, "page.txt"))
    regions = {r.code: r.name for r in ex.regions}
    adopters = {(regions[a.region_code], a.practice_key) for a in ex.adoptions}
    # 包头市 and 昆都仑区 appear only in related-article titles
    assert not any(name in {"包头市", "昆都仑区"} for name, _ in adopters)
    assert "包头市" not in regions.values()
    assert ex.subject_region is not None and regions[ex.subject_region] != "包头市"


def test_plain_text_title_is_the_headline_with_the_raw_first_line_kept() -> None:
    doc = from_text(PAGE, "page.txt")
    assert doc.title == "白河县：老兵调解室化解纠纷三百件"
    assert doc.meta["source_line"] == "首页 新闻 政务 服务 互动 专题"
    assert doc.published == "2023-05-06"


def test_an_outlet_tag_is_neither_title_nor_text() -> None:
    doc = from_text("【江城日报】北湖区：网格员走进千家万户\n北湖区推行网格化管理。", "x.txt")
    assert doc.title == "北湖区：网格员走进千家万户"
    assert dateline_end("【江城日报】北湖区推行网格化管理。") == len("【江城日报】")
    assert dateline_end("【典型案例】北湖区推行网格化管理。") == 0


def test_html_title_drops_the_site_name_and_a_logo_heading(tmp_path: Path) -> None:
    html = (
        "<html><head><title>青川县：雪亮工程覆盖全部行政村_青川县人民政府门户网站</title></head>"
        "<body><h1>青川县人民政府门户网站</h1><nav>首页 新闻 政务</nav>"
        "<p>您当前的位置：首页 &gt; 工作动态</p>"
        "<p>青川县今年完成雪亮工程建设，视频监控覆盖全部行政村。</p></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (doc,) = read_file(path)
    assert doc.title == "青川县：雪亮工程覆盖全部行政村"
    assert strip_site_name("平安创建见成效 - 南湖新闻网") == "平安创建见成效"


# --- pinyin glosses -----------------------------------------------------------------------


def test_strip_glosses_maps_every_character_back() -> None:
    text = "廣西陽(yáng)朔縣與鄭（zhèng）州市，調解室(APP)與(2021)。"
    clean, index = strip_glosses(text) or ("", [])
    assert clean == "廣西陽朔縣與鄭州市，調解室(APP)與(2021)。"
    assert len(index) == len(clean) + 1
    assert all(text[index[i]] == c for i, c in enumerate(clean))
    assert strip_glosses("一村一警(试点)与PPP(项目)") is None
    # glosses of whole words, in simplified pages too
    assert (strip_glosses("北岭镇(běilǐngzhèn)的(de)民警(mínjǐng)") or ("",))[0] == "北岭镇的民警"


def test_glossed_traditional_report_resolves_like_a_plain_one() -> None:
    text = (
        "陽(yáng)朔縣網格化管理見成效\n"
        "廣西陽(yáng)朔縣推行網格化管理，全縣設網格員三百名。\n鄭(zhèng)州市建成綜治中心。"
    )
    doc = from_text(text, "glossed.txt")
    ex = extract(doc)
    regions = {r.code: r.name for r in ex.regions}
    found = {(regions[a.region_code], a.practice_key): a for a in ex.adoptions}
    assert {("阳朔县", "grid"), ("郑州市", "comprehensive_center")} <= found.keys()
    for a in ex.adoptions:
        ev = a.evidence
        assert doc.text[ev.offset : ev.offset + len(ev.sentence)] == ev.sentence
        assert a.surface in ev.sentence
    assert found[("阳朔县", "grid")].evidence.sentence.startswith("廣西陽(yáng)朔縣")
    assert found[("郑州市", "comprehensive_center")].surface == "綜治中心"
    assert ex.report.text == text
    assert ex.report.title == "陽朔縣網格化管理見成效"  # a heading to read: glosses dropped


def test_a_glossed_breadcrumb_is_not_the_title() -> None:
    # the pinyin readings inside the breadcrumb hide its 当前的位置 from the chrome test
    doc = from_text(
        "您當(dāng)前的位置 : 首頁 >> 平安南湖 >> 基層動(dòng)態(tài)\n"
        "石嶺鎮網格員走村入戶化解糾紛\n"
        "今年以來，石嶺鎮推行網格化管理。\n",
        "glossed-crumb.txt",
    )
    assert doc.title == "石嶺鎮網格員走村入戶化解糾紛"


@pytest.mark.parametrize("heading", ["频道推荐", "新闻推荐", "编辑推荐", "为你推荐", "加载更多..."])
def test_a_recommended_articles_block_is_chrome(heading: str) -> None:
    # the titles under a site's 频道推荐 / 新闻推荐 block are other articles, adopting nothing
    text = (
        "安吉县天荒坪镇组建平安巡逻队\n"
        "今年，安吉县天荒坪镇组建平安巡逻队，每晚在集镇巡逻。\n"
        f"{heading}\n"
        "  • 孝丰镇：“板凳会”调解模式化解邻里纠纷\n"
    )
    ex = extract(from_text(text, "test.txt"))
    assert {a.practice_key for a in ex.adoptions} == {"mass_prevention"}


def test_a_bodys_name_over_a_copyright_line_is_the_sites_owner() -> None:
    text = "石岭镇推行网格化管理。\n南湖县人民政府新闻办公室\n某某网版权所有"
    masked = mask_chrome(text)
    assert len(masked) == len(text)
    assert masked.split("\n")[0] == "石岭镇推行网格化管理。"
    assert masked.split("\n")[1].strip() == "" and masked.split("\n")[2].strip() == ""
    # the same name closing the report with no copyright under it stays
    assert (
        mask_chrome("石岭镇推行网格化管理。\n南湖县人民政府新闻办公室")
        == "石岭镇推行网格化管理。\n南湖县人民政府新闻办公室"
    )
