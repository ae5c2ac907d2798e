"""Plans by their place in a report (govkg.loaders.plans): plan documents, plan sections and
paragraphs opened by 下一步. Every text is invented for this test."""

from __future__ import annotations

import pytest

from govkg.loaders.documents import from_text
from govkg.loaders.extract import extract
from govkg.loaders.plans import heading_rank, plan_title, planned
from govkg.loaders.sentences import split_sentences


@pytest.mark.parametrize(
    ("title", "word"),
    [
        ("乌拉特前旗平安建设三年行动方案", "行动方案"),
        ("关于印发《红山区市域社会治理工作要点》的通知", "工作要点"),
        ("达州市平安建设规划（2021—2025年）", "规划"),
        ("关于加强基层调解组织建设的实施意见", "实施意见"),
        ("临河区出台平安建设实施方案", None),  # news that a plan was issued
        ("红山区印发《综治中心建设方案》", None),
        ("临河区平安建设2023年度总结", None),
        ("临河区“网格+”方案破解治理难题", None),  # 方案 not at the end
        # a review joined to the plan: only the plan's own section is plans
        ("磴口县政法委2023年工作总结和2024年工作要点", None),
        ("某镇综治工作情况报告及下半年工作计划", None),
    ],
)
def test_a_title_names_a_plan_document(title: str, word: str | None) -> None:
    assert plan_title(title) == word


def test_heading_levels() -> None:
    assert heading_rank("第二部分 主要任务") == 0
    assert heading_rank("三、下一步工作打算") == 1
    assert heading_rank("（二）加强综治中心建设") == 2
    assert heading_rank("2.完善网格") == 3
    assert heading_rank("3.5万人参加") is None  # a number, not a heading
    assert (
        heading_rank("一、全区推行网格化管理，建成网格320个，配备专职网格员410名，实现城乡全覆盖。") is None
    )


def _planned(title: str, body: str) -> set[str]:
    sentences = list(split_sentences(title + "\n" + body))
    return {sentences[n].text for n in planned(title, sentences)}


def test_a_plan_section_runs_to_the_next_heading_of_its_level() -> None:
    body = (
        "一、主要成效\n全区推行网格化管理。\n"
        "二、下一步工作打算\n深化雪亮工程建设。\n（一）加强综治中心建设。\n"
        "三、保障措施\n全区落实经费保障。"
    )
    got = _planned("临河区平安建设2023年度总结", body)
    assert got == {"二、下一步工作打算", "深化雪亮工程建设。", "（一）加强综治中心建设。"}
    # a heading that also names work done covers both, so it opens no plan section
    assert not _planned("临河区工作总结", "二、主要做法及下一步打算\n推行网格化管理。")
    # the year's points, ideas or tasks set head a plan too
    assert "推广“枫桥经验”。" in _planned(
        "临河区工作总结", "一、工作成效\n建成综治中心。\n二、2024年工作要点\n推广“枫桥经验”。"
    )
    assert "推广“枫桥经验”。" in _planned("临河区工作总结", "三、工作思路\n推广“枫桥经验”。")
    assert not _planned("临河区工作总结", "二、重点任务完成情况\n推广“枫桥经验”。")
    # a section on what is lacking reports no work done either, unless it is on fixing it
    assert "网格化管理还不够精细。" in _planned(
        "临河区工作总结", "一、工作成效\n建成综治中心。\n二、存在的问题\n网格化管理还不够精细。\n三、保障"
    )
    assert "网格化管理还不够精细。" in _planned("临河区工作总结", "存在问题和不足\n网格化管理还不够精细。")
    assert not _planned("临河区工作总结", "二、存在问题整改情况\n全区推行网格化管理。")
    assert not _planned("临河区工作总结", "一、坚持问题导向\n全区推行网格化管理。")
    # a bare line reading as a plan heading opens one too
    assert "推广“枫桥经验”。" in _planned("临河区工作总结", "2024年工作思路\n推广“枫桥经验”。")


def test_a_paragraph_opened_by_a_plan_goes_on_with_it() -> None:
    body = "下一步，我区将深化雪亮工程建设。推广“枫桥经验”。\n全区建成综治中心12个。"
    assert _planned("临河区工作总结", body) == {"推广“枫桥经验”。"}
    # a plan paragraph that announces a list (…以下工作：) takes in the items, one per paragraph
    body = (
        "下一步，我们将重点做好以下工作：\n一是深化雪亮工程建设。\n（二）推广“枫桥经验”。\n"
        "全区建成综治中心12个。"
    )
    assert _planned("临河区工作总结", body) == {"一是深化雪亮工程建设。", "（二）推广“枫桥经验”。"}
    # items after a paragraph that announces nothing are the report's own
    assert not _planned("临河区工作总结", "下一步，我区将深化雪亮工程。\n一是全区建成综治中心12个。")
    # the opening sentence is the sentence classifier's (下一步 …), not counted twice here
    assert not _planned("临河区工作总结", "下步工作重点已经明确。\n推广“枫桥经验”。")


def test_a_plan_opened_inside_a_paragraph_runs_to_its_end() -> None:
    # a visiting leader's praise, then his demands: 下一步要… and the items after it are plans
    body = (
        "督导组对临河区综治工作表示肯定。下一步要在三个方面用力。一要抓好网格化管理。"
        "常态化开展红袖标巡逻。\n全区建成综治中心12个。"
    )
    assert _planned("临河区工作动态", body) == {"一要抓好网格化管理。", "常态化开展红袖标巡逻。"}


def test_plans_give_no_adoption_and_no_metric() -> None:
    text = (
        "临河区平安建设2023年度总结\n"
        "一、主要成效\n全区推行网格化管理，建成网格320个。\n"
        "二、下一步工作打算\n全区深化雪亮工程建设，新建视频监控点位500个。"
    )
    ex = extract(from_text(text, "test.txt"))
    assert {a.practice_key for a in ex.adoptions} == {"grid"}
    assert [m.value for m in ex.measurements] == [320.0]
    assert any(n.practice_key == "sharp_eyes" and n.reason == "plan" for n in ex.non_adoptions)
    both = extract(
        from_text(
            "临河区2023年工作总结和2024年工作要点\n一、2023年工作总结\n全区推行网格化管理，建成网格320个。\n"
            "二、2024年工作要点\n全区深化雪亮工程建设，新建视频监控点位500个。",
            "both.txt",
        )
    )
    assert {a.practice_key for a in both.adoptions} == {"grid"}
    assert [m.value for m in both.measurements] == [320.0]
    plan = extract(from_text("临河区平安建设实施方案\n全区推行网格化管理，建成网格320个。", "plan.txt"))
    assert not plan.adoptions and not plan.measurements


def test_a_speakers_demands_run_to_the_end_of_their_paragraph() -> None:
    # 会议强调/某某要求 opening a sentence: it and the rest of its paragraph are instructions
    body = (
        "会议指出，去年全旗建成综治中心9个。会议强调，今年是雪亮工程收尾之年，各苏木要抓紧验收。"
        "突出源头预防，深化网格化管理。\n全旗调解纠纷300件。"
    )
    assert _planned("某旗政法工作会议召开", body) == {
        "会议强调，今年是雪亮工程收尾之年，各苏木要抓紧验收。",
        "突出源头预防，深化网格化管理。",
    }
    # a sentence dating results or citing figures is the report again, and ends the demands
    body = "会议要求，各苏木要抓紧验收。今年以来，全旗化解纠纷300件。推行网格化管理。"
    assert _planned("某旗会议", body) == {"会议要求，各苏木要抓紧验收。"}
    # a topic before the speaker (在X中，某某要求，…) opens the same way
    assert _planned("某市会议", "在平安细胞工程中，王副市长要求，各区要专班推进。") == {
        "在平安细胞工程中，王副市长要求，各区要专班推进。"
    }
    # 按照…要求，… is a unit complying, and its work is done
    assert not _planned("某旗工作动态", "按照盟委要求，全旗推行网格化管理。")
    # nor is the report's own unit stressing its own approach
    assert not _planned("某旗工作动态", "该镇在调解中强调，以情说理，推行网格化管理。")


def test_a_meetings_demands_give_no_adoption() -> None:
    text = (
        "某旗政法工作会议召开\n"
        "会议强调，今年是雪亮工程收尾之年，全旗要推进网格化管理。\n"
        "会议指出，去年以来，额尔古纳市各苏木建成综治中心。"
    )
    ex = extract(from_text(text, "test.txt"))
    keys = {a.practice_key for a in ex.adoptions}
    assert "comprehensive_center" in keys
    assert not keys & {"grid", "sharp_eyes"}


def test_a_speakers_list_of_demands_runs_on_through_its_items() -> None:
    # 某某强调，一要…\n二要…: each later item opening a paragraph is a demand too; other numbered
    # paragraphs after it (二、县法院开展…) are the report's own news
    body = "王书记强调，一要压实责任。\n二要深化网格化管理。\n三要推广“枫桥经验”。\n全旗调解纠纷300件。"
    assert _planned("某旗会议", body) == {
        "王书记强调，一要压实责任。",
        "二要深化网格化管理。",
        "三要推广“枫桥经验”。",
    }
    body = "一、推进会召开。会议要求，各乡镇要查漏补缺。\n二、旗法院推行诉源治理，诉前化解纠纷90件。"
    assert _planned("某旗工作简报", body) == {"会议要求，各乡镇要查漏补缺。"}
