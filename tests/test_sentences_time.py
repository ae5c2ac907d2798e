"""Sentence splitting keeps exact offsets; years come from the sentence, else the report."""

from __future__ import annotations

from govkg.loaders.sentences import is_caption, split_sentences
from govkg.loaders.timeinfo import report_year, sentence_year


def test_sentences_index_the_text_exactly() -> None:
    text = "标题一行\n  第一句话。第二句“引号。”后面！\n\n第三段没有句号"
    sents = list(split_sentences(text))
    assert [s.text for s in sents] == ["标题一行", "第一句话。", "第二句“引号。”", "后面！", "第三段没有句号"]
    for s in sents:
        assert text[s.start : s.end] == s.text
    assert [s.paragraph for s in sents] == [0, 1, 1, 1, 2]


def test_overlong_line_is_cut_into_bounded_pieces() -> None:
    text = "网" * 5000
    pieces = list(split_sentences(text))
    assert len(pieces) == 3
    assert all(len(p.text) <= 2000 for p in pieces)
    assert "".join(p.text for p in pieces) == text


def test_a_row_of_marked_captions_on_one_line_is_one_sentence_each() -> None:
    text = "▲石岭镇调解员上门调处纠纷  ▲北山乡护村队夜间巡逻\n县城里▲号标出的是新建点位。"
    assert [s.text for s in split_sentences(text)] == [
        "▲石岭镇调解员上门调处纠纷",
        "▲北山乡护村队夜间巡逻",
        "县城里▲号标出的是新建点位。",
    ]


def test_report_year_prefers_title_then_the_opening_frame() -> None:
    assert report_year("某州2016年政法综治工作综述", None, []) == 2016
    # a publication date alone does not say which year the work was done (rule 14c)
    assert report_year("平安建设", 2020, ["近年来,我市如何"]) is None
    assert report_year("平安建设", 2020, ["我市地处山区。"]) is None
    assert report_year("平安建设", None, ["2021年,我市深入推进平安建设。"]) == 2021
    assert (
        report_year("平安建设", None, ["三年来,全区试点工作扎实推进。", "通过检查,2022年,事故起数下降。"])
        is None
    )
    assert report_year("平安建设", None, ["今年以来,全市工作有序推进。"]) is None


def test_an_award_year_in_the_title_frames_no_report() -> None:
    # the year of an honour (获评“2031年度…”) dates the award, not the work the report reviews
    assert report_year("喜讯：甲县获评“2031年度平安先进县”", 2032, ["近年来,甲县深化基层治理。"]) is None
    assert report_year("甲县2031年度平安建设工作综述", 2032, []) == 2031


def test_a_year_opening_an_interviewees_answer_frames_no_report() -> None:
    opening = [
        "近日,记者采访了甲市市长,请他谈谈平安建设的做法。",
        "2031年,全市生产总值增长百分之七。",
    ]
    assert report_year("甲市：守护平安", 2032, opening) is None
    assert report_year("甲市：守护平安", 2032, opening[1:]) == 2031


def test_sentence_year_skips_award_years_and_resolves_relative_words() -> None:
    s = "积极开展平安校园创建活动,2022年被自治区授予示范称号。"
    assert sentence_year(s, 4, None) is None
    assert sentence_year("2019年以来,全县推行一村一警。", 12, None) == 2019
    assert sentence_year("去年,全市建成综治中心12个。", 6, 2021) == 2020
    assert sentence_year("今年,全市建成综治中心12个。", 6, None) is None


def test_comparisons_with_last_year_do_not_date_the_activity() -> None:
    assert sentence_year("全区设立护学岗，群众满意度较上年均有提升。", 4, 2021) is None
    assert sentence_year("同比去年，发案下降。", 0, 2021) is None


def test_photo_captions_are_told_from_prose() -> None:
    assert is_caption("图为北岭镇综治中心调解室。")
    assert is_caption("综治中心调解室一角（县委政法委供图）")
    assert is_caption("综治中心调解室一角。", "（县委政法委供图）")  # the credit cut off at the full stop
    assert is_caption("民警入户走访群众 记者 某某 摄")
    assert not is_caption("2021年,北岭镇建成综治中心。", "全镇划分网格40个。")
    assert not is_caption("北岭镇摄影协会走进社区开展普法宣传。")


def test_numbered_captions_and_credit_lines_are_captions() -> None:
    # 图①: / 图2： open a numbered photo caption
    assert is_caption("图①:调解员在村委会调处一起邻里纠纷。")
    assert is_caption("图2：民警走访辖区商户。")
    # a credit on a line of its own (记者 某某 摄) closes the caption before it
    assert is_caption("调解员在村委会调处一起邻里纠纷。", "王某某 摄")
    assert not is_caption("北岭镇建成综治中心。", "全镇划分网格40个,配备专职网格员40名,实现全覆盖。")
    assert not is_caption("图书室对群众开放。")


def test_a_credit_after_a_slash_closes_a_caption() -> None:
    assert is_caption("石岭镇调解员上门调处一起宅基地纠纷。县委宣传部/供图")
    assert is_caption("护村队员夜间巡逻 记者 王某/摄")
    assert not is_caption("全县推行“和/合”调解法。")
