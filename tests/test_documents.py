"""Document readers: every format and encoding, folding, report ids, titles and dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govkg.loaders.documents import (
    Document,
    DocumentError,
    fold,
    from_text,
    html_to_text,
    iter_documents,
    parse_date,
    read_file,
    report_id,
)

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"

REPORT = (
    "平安社区建设工作情况\n"
    "发布日期：2021-06-30\n"
    "\n"
    "今年以来，我区坚持网格化管理，划分网格120个，配备专职网格员95名。\n"
    "区综治中心统一受理群众诉求，调解成功率98.2%。\n"
)


def _only(path: Path) -> Document:
    docs = read_file(path)
    assert len(docs) == 1
    return docs[0]


def _examples() -> list[Document]:
    items = list(iter_documents([EXAMPLES]))
    errors = [i for i in items if isinstance(i, DocumentError)]
    assert errors == []
    return [i for i in items if isinstance(i, Document)]


# ---------------------------------------------------------------- the examples corpus


def test_examples_all_load_with_unique_ids_and_dates() -> None:
    docs = _examples()
    assert len(docs) == 13
    assert len({d.id for d in docs}) == 13
    assert all(300 <= len(d.text) <= 1200 for d in docs)
    assert all(d.year is not None and 2019 <= d.year <= 2024 for d in docs)
    assert all(len(d.folded) == len(d.text) for d in docs)
    assert not any("README" in d.source for d in docs)
    assert {d.fmt for d in docs} == {"txt", "html", "jsonl"}


def test_examples_gbk_file_is_really_gbk() -> None:
    path = EXAMPLES / "gbk_guangdong_shenzhen_futian.txt"
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc = _only(path)
    assert doc.encoding == "gbk"
    assert "福田区" in doc.text and "雪亮工程" in doc.title
    assert doc.published == "2021-11-08"


def test_examples_traditional_file_keeps_text_and_folds() -> None:
    doc = _only(EXAMPLES / "traditional_shandong_qingdao.txt")
    assert "青島市" in doc.text and "綜治中心" in doc.text
    assert "青岛市" in doc.folded and "综治中心" in doc.folded
    assert "青岛市" not in doc.text
    assert len(doc.folded) == len(doc.text)
    assert doc.published == "2022-09-15"


def test_examples_html_chrome_and_scripts_removed() -> None:
    doc = _only(EXAMPLES / "jiangsu_nanjing_gulou.html")
    assert doc.fmt == "html"
    assert doc.title == "鼓楼区“全科大网格”让基层治理更精细"
    assert doc.published == "2023-04-12"
    for chrome in (
        "siteConfig",
        "脚本写入",
        "首页",
        "联系我们",
        "版权所有",
        "相关阅读",
        "font-family",
        "trackPageView",
    ):
        assert chrome not in doc.text
    assert "&amp;" not in doc.text and "&nbsp;" not in doc.text and "\xa0" not in doc.text
    assert "网格&楼长" in doc.text and "<小事不出网格>" in doc.text
    assert doc.text.startswith("鼓楼区“全科大网格”")
    paragraphs = doc.text.split("\n")
    assert any(p.startswith("宁海路街道") for p in paragraphs)


def test_examples_jsonl_metadata() -> None:
    path = EXAMPLES / "reports.jsonl"
    docs = read_file(path)
    assert len(docs) == 4
    by_title = {d.title: d for d in docs}
    siming = by_title["思明区传承“近邻”理念 打造社区治理共同体"]
    assert siming.source == "https://example.org/govkg/xiamen-siming-2020"
    assert siming.published == "2020-10-21" and siming.year == 2020
    assert siming.meta["file"] == str(path)
    assert siming.meta["region"] == "福建省厦门市思明区"
    assert "text" not in siming.meta
    yanta = by_title["雁塔区“平安雁塔·群防共治”行动综述"]
    assert yanta.published == "2021-12"
    jiangan = by_title["江岸区百步亭社区推进“全周期”平安社区建设"]
    assert jiangan.source == "江岸区委政法委" and jiangan.published == "2023-08-30"
    assert all(d.fmt == "jsonl" for d in docs)


# ---------------------------------------------------------------- encodings from bytes


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gbk"), ("utf-16", "utf-16")],
)
def test_encodings_give_the_same_text(tmp_path: Path, encoding: str, expected: str) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(REPORT.encode(encoding))
    doc = _only(path)
    assert doc.encoding == expected
    assert doc.text == REPORT
    assert doc.id == report_id(REPORT)


def test_gb18030_only_characters(tmp_path: Path) -> None:
    text = REPORT + "㐀字属于扩展区，只在GB18030中有编码。\n"
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode("gb18030"))
    doc = _only(path)
    assert doc.encoding == "gb18030"
    assert doc.text == text


def test_crlf_bom_and_control_characters_normalised(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(("\ufeff" + REPORT.replace("\n", "\r\n") + "尾\x0b部\x00。").encode("utf-8"))
    doc = _only(path)
    assert doc.encoding == "utf-8-sig"
    assert "\r" not in doc.text and "\ufeff" not in doc.text
    assert doc.text.endswith("尾 部 。")
    assert doc.text.split("\n") == doc.text.splitlines() + ([""] if doc.text.endswith("\n") else [])


def test_same_report_in_utf8_and_gbk_has_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(REPORT.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(REPORT.encode("gbk"))
    a, b = _only(tmp_path / "a.txt"), _only(tmp_path / "b.txt")
    assert a.encoding != b.encoding
    assert a.id == b.id


# ---------------------------------------------------------------- folding and ids


def test_fold_traditional_to_simplified() -> None:
    assert fold("楓橋經驗 綜治中心 雪亮工程 網格員") == "枫桥经验 综治中心 雪亮工程 网格员"
    assert fold("plain ascii 123") == "plain ascii 123"


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x9FFF), max_size=200))
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_fold_of_a_megabyte_is_cheap() -> None:
    text = "臺灣頭髮乾燥，後來著作。\n" * 90_000
    assert len(fold(text)) == len(text)


def test_report_id_ignores_whitespace_width_and_script() -> None:
    base = report_id("全市划分网格1260个，配备专职网格员850名。")
    assert base == report_id("全市划分网格 1260 个，\n配备专职网格员\t850名。")
    assert base == report_id("全市劃分網格１２６０個，配備專職網格員850名。")
    assert base != report_id("全市划分网格1261个，配备专职网格员850名。")
    assert len(base) == 16 and int(base, 16) >= 0


# ---------------------------------------------------------------- titles and dates


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2021-3-5", "2021-03-05"),
        ("2021/03/05 10:20", "2021-03-05"),
        ("2021年3月5日", "2021-03-05"),
        ("2021-03-05T08:00:00+08:00", "2021-03-05"),
        ("2021年3月", "2021-03"),
        ("2021", "2021"),
        ("03.03.2017", "2017-03-03"),
        ("二〇二三年十二月二十日", "2023-12-20"),
        ("2021-02-30", None),
        ("next year", None),
    ],
)
def test_parse_date(value: str, iso: str | None) -> None:
    assert parse_date(value) == iso


def test_date_line_at_bottom_and_chinese_numerals() -> None:
    doc = from_text(
        "某县平安建设工作总结\n\n正文第一段写了很多内容。\n\n某县委政法委\n二〇二〇年十二月三十一日\n", "x"
    )
    assert doc.published == "2020-12-31" and doc.year == 2020


def test_date_line_with_label_and_time() -> None:
    doc = from_text("标题在此处出现\n发布时间：2019-08-01 09:30  来源：某某日报\n正文内容。", "x")
    assert doc.published == "2019-08-01"


def test_a_publication_date_labelled_late_in_a_by_line_is_the_date() -> None:
    # 作者…来源…发布时间: the label names the date wherever the by-line puts it
    text = "某县开展防汛演练\n作者:某某 编辑:某县委宣传部 来源:某县应急局 发布时间:2024-06-12 10:05\n正文。"
    assert from_text(text, "x").published == "2024-06-12"
    text = "某縣開展防汛演練\n作者：某某 來源：某縣應急管理局 發佈時間：2024-6-2\n正文。"
    assert from_text(text, "x").published == "2024-06-02"
    # a date in a long prose line with no label is not the by-line's
    text = "某县开展防汛演练\n" + "正文写了很多内容，" * 8 + "2023年7月1日以来，某县组织演练五次。\n"
    assert from_text(text + "正文。" * 300, "x").published is None


def test_date_in_running_text_near_top() -> None:
    doc = from_text("一个标题出现在这里\n2022年5月17日，我市召开平安建设推进会。" + "正文。" * 300, "x")
    assert doc.published == "2022-05-17"


def test_a_date_told_after_a_quoted_remark_is_no_publication_date() -> None:
    # “…”2018年4月9日，…: a feature opens its story with a remark and the day it was said
    text = "一个标题出现在这里\n“多亏了调解员。”2018年4月9日，某村村民握着调解员的手说。"
    assert from_text(text + "正文。" * 300, "x").published is None
    # a date heading the lead by itself still dates the report
    text = "一个标题出现在这里\n2018年4月9日，某县召开平安建设推进会。"
    assert from_text(text + "正文。" * 300, "x").published == "2018-04-09"
    # a dated founding the text sets against today (时至今日 … 三周年) was told years later
    text = "一个标题出现在这里\n2018年4月9日，某县调解中心挂牌。时至今日，中心迎来三周年。"
    assert from_text(text + "正文。" * 300, "x").published is None


def test_a_date_a_span_of_work_starts_from_is_no_publication_date() -> None:
    # 自2021年6月1日起 / 2021年6月1日至今: when the work began, not when the text was written
    doc = from_text("一个标题出现在这里\n2021年6月1日至今，某镇已开展巡逻九十余次。" + "正文。" * 300, "x")
    assert doc.published is None
    text = "一个标题出现在这里\n2021年6月1日起，某镇推行网格化管理。2022年5月17日，某镇召开推进会。"
    assert from_text(text + "正文。" * 300, "x").published == "2022-05-17"


def test_a_full_date_past_the_lead_paragraph_sets_a_scene() -> None:
    # the lead dates nothing; a day told three paragraphs down is a scene in the story, even in a
    # page short enough for the first 300 characters to reach it
    text = (
        "某县法庭走进田间\n去年以来，某县法院把巡回审判点设到村委会。\n小标题\n"
        "2020年3月8日傍晚，法官老李接到村支书的求助电话。\n老李当晚赶到村里，纠纷当场化解。"
    )
    assert from_text(text, "x").published is None
    # nor does one opening a sentence of the last paragraph: one more event told
    text = (
        "某县法庭走进田间\n去年以来，某县法院把巡回审判点设到村委会。\n"
        "2020年3月8日，法官带着调解员赶到村里，在田埂上开庭化解了纠纷。"
    )
    assert from_text(text, "x").published is None
    # a short line of its own is no date line either when a sentence follows the date
    text = "某县法庭走进田间\n去年以来，某县法院把巡回审判点设到村委会。\n2020年3月8日，法官在村里开庭。"
    assert from_text(text, "x").published is None
    assert (
        from_text("某县法庭走进田间\n2020年3月8日 星期日\n某县法院设巡回审判点。", "x").published
        == "2020-03-08"
    )
    # the same day opening the lead still dates the report
    text = "某县法庭走进田间\n2020年3月8日，某县法院在村委会设立巡回审判点。\n小标题\n正文在此。"
    assert from_text(text, "x").published == "2020-03-08"


def test_no_date_gives_none() -> None:
    doc = from_text("没有日期的报告标题\n正文只有文字，没有任何时间信息。", "x")
    assert doc.published is None and doc.year is None


def test_title_skips_page_furniture() -> None:
    text = "通版阅读请点击:\n展开通版\n当前版:3版\n发布日期:\n平安建设取得新成效\n正文内容在这里。"
    assert from_text(text, "x").title == "平安建设取得新成效"


def test_short_headline_over_its_date_line_is_the_title() -> None:
    # a four-character headline with the story's date under it is the title
    doc = from_text("守望相助\n2031年4月9日 08:30\n某镇组建了巡逻队伍。", "x")
    assert doc.title == "守望相助"
    # a short word with no date under it, or page chrome, is still skipped
    assert from_text("守望相助\n某镇组建了巡逻队伍。", "x").title == "某镇组建了巡逻队伍。"
    assert from_text("首页\n2031年4月9日\n某镇组建了巡逻队伍。", "x").title == "某镇组建了巡逻队伍。"


def test_a_story_with_no_heading_is_titled_by_its_lead_not_a_later_paragraph() -> None:
    # the first paragraph opens with a dateline, so the story has begun: its lead sentence, after
    # the dateline, names the report; the next paragraph is no heading
    lead = "本报讯（记者 甲乙）初冬的乙县迎来一场寒潮。乙县综治中心里却人来人往。"
    text = lead + "\n凭借这一做法，乙县化解纠纷百余件。"
    assert from_text(text, "x").title == "初冬的乙县迎来一场寒潮。"
    # a heading before the story still wins
    assert from_text("乙县综治中心见闻\n" + text, "x").title == "乙县综治中心见闻"


def test_long_first_line_title_cut_at_sentence_end() -> None:
    first = "平安是发展的前提。" + "今年以来全区上下共同努力推进各项工作" * 10
    doc = from_text(first + "\n第二行。", "x")
    assert doc.title == "平安是发展的前提。"
    no_stop = "甲" * 300
    assert from_text(no_stop, "x").title == "甲" * 120


def test_explicit_title_and_published_win() -> None:
    doc = from_text(REPORT, "x", title="给定标题", published="2020-01-02", meta={"k": "v"})
    assert doc.title == "给定标题" and doc.published == "2020-01-02" and doc.meta == {"k": "v"}
    doc2 = from_text(REPORT, "x", published="sometime")
    assert doc2.published == "2021-06-30" and doc2.meta["date_raw"] == "sometime"


def test_from_text_rejects_empty() -> None:
    with pytest.raises(DocumentError, match="empty"):
        from_text(" \n\t ", "x")


# ---------------------------------------------------------------- html and json


def test_html_visible_text_blocks_and_entities(tmp_path: Path) -> None:
    html = (
        "<html><head><title>页面标题 - 站点</title><style>.x{}</style></head><body>"
        "<nav>导航</nav><div>第一块<span>内联</span></div><p>A&nbsp;&amp;&lt;B&gt;</p>"
        "<ul><li>一</li><li>二</li></ul><script>alert(1)</script><footer>页脚</footer></body></html>"
    )
    text, title, published = html_to_text(html)
    assert text == "第一块内联\nA &<B>\n一\n二"
    assert title == "页面标题" and published is None  # the site-name suffix is not the headline
    path = tmp_path / "page.htm"
    path.write_text(html, encoding="utf-8")
    assert _only(path).text == text


def test_html_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_text("<!DOCTYPE html><html><body><h1>标题文字</h1><p>正文</p></body></html>", encoding="utf-8")
    doc = _only(path)
    assert doc.fmt == "html" and doc.text == "标题文字\n正文" and doc.title == "标题文字"


def test_json_list_and_object(tmp_path: Path) -> None:
    records = [
        {"title": "甲报告", "date": "2020-05-01", "content": "甲地推行网格化管理。"},
        {"body": "乙地开展扫黑除恶。", "url": "https://example.org/b", "views": 12},
    ]
    path = tmp_path / "list.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    a, b = read_file(path)
    assert a.source == f"{path}#0" and a.title == "甲报告" and a.published == "2020-05-01"
    assert b.source == "https://example.org/b" and b.meta["file"] == str(path) and b.meta["views"] == "12"
    assert a.fmt == b.fmt == "json"
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"text": "丙地设立护学岗。", "published": 2019}), encoding="utf-8")
    (c,) = read_file(single)
    assert c.source == str(single) and c.published == "2019" and c.year == 2019


def test_json_crawler_keys_and_html_bodies(tmp_path: Path) -> None:
    # a crawler's camel-case date key, and a body kept as the page's HTML: its visible text
    record = {
        "title": "丁报告",
        "pubDate": "2021-03-02",
        "content": "<p>丁地推行网格化管理。</p><p>成效明显。</p>",
    }
    path = tmp_path / "crawl.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    (d,) = read_file(path)
    assert d.published == "2021-03-02" and d.year == 2021
    assert d.text == "丁地推行网格化管理。\n成效明显。"
    # plain text with a comparison sign is no HTML
    path.write_text(json.dumps({"text": "戊地发案数<5起。", "release_time": "2020-01-01"}), encoding="utf-8")
    (e,) = read_file(path)
    assert e.text == "戊地发案数<5起。" and e.published == "2020-01-01"


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="shared corpus folder not present")
def test_shared_corpus_loads() -> None:
    docs = [d for d in iter_documents([SHARED_CORPUS]) if isinstance(d, Document)]
    txt = sorted(SHARED_CORPUS.glob("*.txt"))
    assert len(docs) == len(txt) > 0
    for d in docs:
        assert d.encoding == "utf-8" and d.title and len(d.title) <= 120
        assert len(d.folded) == len(d.text)


def test_a_paragraph_opening_with_a_dateline_is_no_headline() -> None:
    # a four-character headline is too short to be sure of, but the dateline paragraph is body text
    doc = from_text("夜巡纪事\n某某日报讯 近日，石岭镇组建夜间巡逻队，守护群众平安。\n", "x.txt")
    assert doc.title == "夜巡纪事"


def test_fold_keeps_a_character_opencc_sends_outside_the_basic_plane() -> None:
    from govkg.loaders.documents import fold

    # 篢 folds to the rare standard form 𬕂, which the 区划 data (织篢镇) never use: kept as written
    assert fold("阳西县织篢镇综治中心") == "阳西县织篢镇综治中心"
    # ordinary traditional characters around it still fold, and the length is kept
    folded = fold("陽西縣織篢鎮綜治中心")
    assert folded == "阳西县织篢镇综治中心" and len(folded) == len("陽西縣織篢鎮綜治中心")


def test_a_slashed_date_after_the_publishers_name_is_the_date_line() -> None:
    # 某某出版社  2024/3/9 15:20:11 under a headline: the slashes are the date's, not separators
    # to strip before the date is found; a later line dating a founding is not the publication's
    text = "派出所里的调解室\n某某警察杂志社  2024/3/9 15:20:11\n文/某某\n建所时间：1998年6月1日。\n正文。"
    assert from_text(text, "x").published == "2024-03-09"


def test_photo_captions_over_the_storys_dateline_are_not_its_headline() -> None:
    # a row of captions (full sentences) heading the page, then 某某网讯 and the story: the captions
    # name what the photos show; with no short headline the story's lead stands for one
    text = (
        "银川市兴庆区丽景街道某社区网格员正在入户走访。\n"
        "民警向商户发放防诈宣传册。\n"
        "宁夏新闻网讯 平安是发展的前提。银川市持续推进平安建设，全市建成综治中心。\n"
    )
    assert from_text(text, "x").title == "平安是发展的前提。"
    # a headline line (no full stop) over the dateline is still the title
    headline = "平安银川再上新台阶\n" + text
    assert from_text(headline, "x").title == "平安银川再上新台阶"


def test_a_traditional_texts_span_and_anniversary_words_are_read_too() -> None:
    # 以來 and 時至今日…週年 are 以来 and 时至今日…周年: no publication date in either script
    text = "某縣調解中心\n2021年6月1日以來，某鎮已開展巡邏九十餘次。"
    assert from_text(text + "正文。" * 300, "x").published is None
    text = "某縣調解中心\n2018年4月9日，某縣調解中心掛牌。時至今日，中心迎來三週年。"
    assert from_text(text + "正文。" * 300, "x").published is None
    text = "某縣調解中心\n2018年4月9日，某縣召開平安建設推進會。"
    assert from_text(text + "正文。" * 300, "x").published == "2018-04-09"


def test_a_byline_credited_to_a_platform_and_its_paper_is_no_title() -> None:
    # 某某云/某某日报记者 某某 opening a page with no headline: reporters' names, not the title,
    # so the paper's region it names does not become the report's subject
    page = "天山云/伊犁日报记者 王某某\n“这里的治安越来越好。”7月2日，霍城县公安局民警介绍。\n"
    doc = from_text(page, "x.txt")
    assert "记者" not in doc.title


def test_a_wechat_accounts_card_on_a_reprint_page_is_no_title() -> None:
    # a page reprinting a police account's article opens with the account's card; the article's
    # own headline after it is the title
    page = (
        "专栏名称: 平安某城\n某市公安局官方微信公众平台\n平安某城 · 公众号 · 2024-03-01 09:10\n"
        "文章预览\n社区民警的一天\n3月1日，城东派出所民警走访辖区商户。\n原文地址:访问原文地址\n"
    )
    assert from_text(page, "x.txt").title == "社区民警的一天"
