"""Mention or adoption: whether a sentence that names a practice says a unit carried it out.

A practice named in a sentence is an adoption unless the sentence only *mentions* it. The
classifier looks for cue words in the sentence, each class with its own lexicon:

- ``plan``: 下一步, 将进一步, 计划于 …, 希望/期待/愿 … 加强交流合作 (intentions and wishes are
  not deeds); 力争 only for what follows it or
  shares its clause (…构建X体系，力争小事不出村 states the goal of work done);
- ``award``: 被评为, 荣获, 获评, 获得…先进县 … before the practice, or 在…考核中获评… after it (an
  honour is not the practice itself;
  a place named a pilot, 被确定为…试点城市, is set that work and adopts it);
- ``media``: the practice only in the title of a programme or article (央视…《…》);
- ``instruction``: someone 指出/强调/要求 … before it, or a sentence or an earlier clause opening
  with 要/必须 (a quoted instruction or a speech's list of them, not local work), or 对 it …
  提出…要求/意见 (what demands are about), or the object of a meeting's deployment (对A、B等工作
  进行了安排部署; 安排部署A、B工作): work assigned, not work done;
- ``policy``: 总书记, 党中央, 国务院 … 指示/批示/文件 before it (a national policy cited), or the
  practice only in the title of a document relayed or studied (传达学习《…》);
- ``meeting``: the practice inside the name of a meeting held about it (召开…推进会), or
  bodies listed as attending one (出席, 参会);
- ``component``: one of the bodies or centres pooled into something else (整合派出所、司法所、
  人民调解室等力量; 将A、B整合纳入综治中心);
- ``visit``: 赴…学习考察, 取经, 参观学习, 考察/调研发现 … before it (another place's practice
  studied; not past a clause that opens with the return, 回来后推行…, which is the visitors' own
  work, nor 学习借鉴 with the practice as its direct object, a model taken up at home), or
  深入/来到 … it … 调研/视察 (a body where a visitor inspects), or 来/到/赴 … 调研 … it (来我县调研
  “枫桥经验”工作: the topic of a visit, which by itself is neither the visitor's nor the host's work),
  or what a visiting delegation (考察团, 观摩团, 一行 …) looks at or hears of, unless its owner is
  written before it (观摩了乙镇综治中心 is the host's, which shows its own work);
- ``pledge``: the practice only in the title of a pledge signed (签订《…目标责任书》, …责任状):
  a target undertaken, not work done;
- ``background``: 诞生于, 发源于 … after it, or a past era and a verb of origin before it (20世纪
  60年代…形成了“枫桥经验”): where a practice comes from, told as history; or what a facility was
  made from (由原信访大厅改造而成): the old building's practice, not the new one's;
- ``topic``: one of a list of subjects people are taught (民法典、反诈、禁毒等法律知识);
- ``remark``: the practice inside a remark quoted from a resident, a party or a visitor (“…现在村里
  有了网格员…”村民王某说): what someone saw or wants, not the text's report of a unit's work;
- ``negation``: 尚未/没有/缺乏 (and a verb of setting up) right before it: work not done, or a lack;
- ``commentary``: 应当, 核心是 … (opinion about a practice, not a report of one), and a
  sentence about "some places" (一些地方, 有的…) that names a shortcoming (反而, 疲于, 流于形式).

:func:`classify` returns the first class that fires, with the words that triggered it, or
None for an adoption. The decision is recorded: adoptions carry it in ``method``, rejected
mentions become :class:`~govkg.loaders.extraction.NonAdoption` entries on the Extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from govkg.loaders.prefilter import Gated

__all__ = ["Cue", "classify"]

_PLAN = re.compile(
    r"^(?:下一步|下步|今后|明年|接下来|未来)|^力争|计划于|计划在|拟于|拟在|将进一步|将继续|将全面|将着力"
    r"|将在[^，,。；;]{0,12}(?:推广|推行|试点|建立|建设)|将适时|将逐步"
    # after its subject too (某乡下一步将推广…), and plans dated ahead (计划年底前建成, 将于明年)
    r"|下一?步(?=将|要|把|继续|重点|[，,])|计划(?=今年|明年|年底|年内|到|用|[0-9一二三四五六七八九十])|将于"
    # 计划新建, 计划投入 (not 按计划实施, 年度计划, 计划生育): what is planned to be built or spent
    r"|(?<![按照度作])计划(?=新建|新增|建设|建成|投入|投资|启动|组建|招聘|购置|安装)"
    # 将 (will) before a verb of work; the disposal 将 takes a noun (将矛盾纠纷纳入…)
    r"|(?<![即并])将(?:推动|建立|开展|组织(?!关系|架构|体系|建设|优势|力量)|深化|加大|加快|推进|启动|实施|举办|持续|大力|积极|全力|充分|聚焦"
    r"|构建|打造|完善|健全|探索|推行|推广|扩大|逐步|着力|重点)"
    # 某区今年还要在全区推广…, 某县要全面推行…: the modal 要 (must) after its subject sets work to do
    # (主要, 重要, 需要, 只要 … are other words; 要求 is a demand, and an opening 要 or 一要 an
    # instruction, each handled as one)
    r"|(?<=[\u4e00-\u9fff])(?<![一二三四五六七八九十主重需只必紧首摘纲提简扼概不])要(?=在|把|(?:进一步|全面|持续|继续|大力|着力|重点|加快|切实|扎实)?"
    r"(?:开展|推行|推广|建立|建设|建成|打造|推进|实施|深化|完善|健全|组建|启动))"
    # 拟/准备/打算/预计 + the work: intended, not done (模拟法庭 is no intention)
    r"|(?:(?<![模虚])拟|准备|打算|预计)(?=在|于|年底|年内|今年|明年|新建|建设|建成|推行|推广|开展|启动|投入|实施|组建|设立)"
    # 希望/期待/愿 … 加强交流合作: a hope for closer ties between two sides (at a visit or a signing)
    # is a wish for the future, not work done (志愿, 意愿, 自愿 … hold 愿 as no verb)
    r"|(?:希望|期待|期盼|期望|(?<![志意自宁心情祝])愿(?=与|同|和|意|在|为|双方|两地))"
    r"[^，,。；;]{0,30}?(?:加强|深化|拓展|密切|推动|开展|增进)[^，,。；;]{0,10}?(?:交流|合作|协作|互鉴|对接|联动)"
)
# Words after which a sentence's figures are levels set rather than reached: a target named
# (目标是/为), a floor (不低于, 不少于), a demand (要求各…). (确保 is left alone: the seed gold counts
# 确保…新增3100余路监控 as a figure.)
_TARGET_WORDS = re.compile(r"目标(?:是|为)|不低于|不少于|不得低于|要求(?=各|全|所有|每)")
# 创新构建X体系，…，力争小事不出村: an aim stated after the work is done is its goal; it makes a
# plan only of what follows it or shares its clause (X建设力争年底前完成).
_AIM = re.compile("力争")
_AWARD = re.compile(
    r"被[^，,。；;]{0,24}?(?:评为|授予|命名为|确定为|列为|表彰为)|荣获|获评|获得[^，,。]{0,12}(?:称号|表彰)"
    # 获公安部命名…称号, 获省政府授予…: 获 (received) with the giver, not 破获/查获 (cases cracked)
    r"|(?<![破查缴抓捕截俘收侦斩擒])获(?![得评])[^，,。；;]{0,12}?(?:命名|授予)"
    r"|跻身|入选"  # 跻身“全国信访工作示范县”行列, 入选全国…典型: joining the honoured ranks
    # 获得全国普法先进县、全省禁毒示范县等荣誉: titles won, each naming its category after it
    r"|获得(?=[^，,。；;]{0,30}?(?:先进|示范|标兵|模范|荣誉))"
    # 创成省“X”先进单位: a title won (创成 with no such title, 创成平安村30个, is creation work)
    r"|创成(?=[^，,。；;]{0,30}?(?:先进|示范|标兵|称号))"
    # 推荐某所参评“枫桥式公安派出所”, 申报全国示范县: a candidacy for an honour is no more than one won
    r"|参评|参选|申报(?=[^，,。；;]{0,16}?(?:先进|示范|标兵|模范|称号|枫桥式))"
    # 成为全国首批“X示范城市”, 成为全市唯一受表彰的先进单位: a title borne, as with 获得 (成为…试点 is a
    # pilot's work, and 成为…的“样板” a figure of praise, with no title)
    r"|成为(?=[^，,。；;]{0,36}?(?:示范|先进|标兵|模范)(?:城市|县|市|区|旗|单位|集体|村|社区|乡|镇|街道))"
    # 夺得平安金鼎, 蝉联…“七连冠”, 平安创建实现“十七连冠”: a trophy or a streak of wins is a ranking
    r"|夺得|捧得|蝉联|折桂|[一二两三四五六七八九十百\d]+连冠"
)
# 甲市被评为…，乙县“X”工作法入选…: a later clause with an honour of its own after the practice
# names the practice as its unit's, and the honour before it is another unit's.
_OWN_HONOUR_AFTER = re.compile(
    r"[^，,。；;]*?(?:被[^，,。；;]{0,24}?(?:评为|授予|命名为|确定为|列为|表彰为)|荣获|获评|获得|入选|列入)"
)
_CLAUSE_END = re.compile(r"[，,；;]")
# A later clause opening with the unit as its subject again (其, 该镇, 这一…) says something new.
# (全县/我县…, the unit's whole territory, opens a clause of its own too: …入选典型案例，全县建成…)
_OWN_SUBJECT = re.compile(
    r"\s*(?:其|该(?:镇|乡|县|区|市|街道|村|社区|旗|所|院)|这一|此外|同时|[全我](?:省|市|县|区|旗|州|盟|镇|乡))"
)
# 获得…荣誉称号，这是某镇…打造“X”品牌的结果 / 得益于…: a clause that says what the honour came
# from tells the work done, and the award no longer covers the practices after it.
_HONOUR_CAUSE = re.compile(r"\s*(?:(?:这|此)(?:是|得益于|源于|离不开|归功于)|得益于|归功于|源于)")
# 被确定为全省诉源治理试点单位, 入选…试点地区: a place named a pilot is set the work to do,
# not honoured for work done; the practice is its pilot's.
_PILOT_AFTER = re.compile(r"[^，,。；;]{0,20}?试点")
# 在2022年度平安建设暨平安创建考核中获评优秀: the practice names an assessment whose grade or rank
# the unit won, an honour and no report of the work.
_GRADED_AFTER = re.compile(
    r"^[^，,。；;]{0,20}?(?:考核|考评|评比|测评|评价|评选|评估|检查)[^，,。；;]{0,8}?中"
    r"(?:获评|被评为|荣获|获得|位列|位居|排名|名列|取得)"
)
# 表彰2022年度信访工作先进单位和先进个人: the practice names the category of an honour given.
_HONOUR_GIVEN = re.compile(r"(?:表彰|评选|评出|授予|命名)[^，,。；;]*$")
_HONOUR_CATEGORY = re.compile(
    r"^[^，,。；;]{0,8}?(?:先进单位|先进集体|先进个人|先进工作者|先进典型|示范单位|优秀单位)"
)
# 央视政论片《坚持发展“枫桥经验”》: a practice named only in the title of a media work.
_MEDIA_TITLE = re.compile(r"(?:片|报道|节目|栏目|专栏|电视台?|央视|日报|晚报|杂志|纪录|专题)《[^《》]*$")
# 传达学习了《…实施意见》《某盟推进综治中心建设工作指引》: a practice only in the title of a document
# relayed or studied names that document's topic; neither the learners nor the body in the title
# are said to have done it.
_STUDIED_TITLE = re.compile(
    r"(?:传达|学习|贯彻|解读|宣读|领会)[了好]?(?:[^，,。；;《》]{0,6}?)(?:《[^《》]*》[、和及与]?)*《[^《》]*$"
)
_TITLE_CLOSES = re.compile(r"^[^《》。]*》")
# 某某指出，要…; 某委要求各乡镇…: an instruction; 按照/根据…要求 is a local body complying.
_INSTRUCTION = re.compile(
    r"(?<!按照)(?<!根据)(?<!落实)(?:指出|强调|要求|希望|号召)[,，:：]?\s*(?:要|必须|应|各|全|进一步)"
    # 人大常委会希望县检察院今后继续加强…: a hope that a body go on with the work is asked of it
    r"|(?<![的有])(?:希望|期望|期待)[^，,。；;]{0,12}?(?:今后|继续|进一步|持续|再接再厉)"
)
# 对心理咨询室的建设提出具体要求: the practice is what a visitor's demands are about, not work done.
_DEMAND_BEFORE = re.compile(r"对[^，,。；;]{0,12}$")
_DEMAND_AFTER = re.compile(r"^[^，,。；;]{0,10}?提出了?[^，,。；;]{0,8}?(?:要求|意见|建议)")
# 贯彻上级关于网格化管理的决策部署: the practice names
# the topic of a policy complied with or relayed, not the unit's work.
_POLICY_TOPIC_BEFORE = re.compile(
    r"(?:贯彻|落实|学习|传达|按照|根据|遵照)[^，,。；;]{0,20}关于[^，,。；;]{0,30}$"
)
_POLICY_TOPIC_AFTER = re.compile(
    r"^[^，,。；;]{0,30}?的(?:决策部署|重大部署|部署要求|部署|精神|要求|指示|意见|决定|通知|规定|文件)"
)
# 对综治中心建设等工作进行了部署; 安排部署全区信访和调解工作:
# what a meeting deploys is work set for later. Not 按照/根据…安排部署 (a unit complying, whose
# own clause says what it did), and not past a clause break.
_DEPLOYED_BEFORE = re.compile(r"对[^，,。；;]{0,60}$")
_DEPLOYED_AFTER = re.compile(r"^[^，,。；;]{0,60}?进行了?(?:专题|全面|具体|周密|再)?(?:安排)?部署")
# 专题研究网格化管理工作, 研究部署综治中心建设: what a meeting studies or deploys is its topic.
_DEPLOYING_BEFORE = re.compile(r"(?:(?:安排|研究|专题)部署|专题研究(?:部署)?)了?[^，,。；;：:]{0,60}$")
_COMPLYING = re.compile(r"按照|根据|依照|遵照|落实|贯彻")
_AUTHORITY = re.compile(
    r"总书记|党中央|中共中央|国务院|中办|国办|中央政法委|中央一号文件"
    r"|(?<![省市县区州])中央(?=关于|印发|出台|[^，,。；;]{0,6}(?:意见|决定|文件|通知))"  # 中央关于…的意见
)
# 中央经济工作会议提出“…”: a central meeting's words, quoted; the practice is in what it asks for.
_CENTRAL_MEETING = re.compile(
    r"(?<![省市县区州])中央[^，,。；;“”]{0,14}?(?:会议|全会)[^，,。；;“”]{0,4}?(?:提出|强调|指出|要求)"
)
_POLICY_WORD = re.compile(r"重要指示|重要批示|指示精神|批示精神|(?:指示|批示|文件|意见|部署|强调|指出)")
_MEETING = re.compile(r"(?:召开|举行|举办)[^，,。；;]{0,25}$")
_MEETING_WORDS = "会议|推进会|现场会|座谈会|发布会|培训班|观摩会|研讨会|论坛|交流会"
_MEETING_END = re.compile(rf"^[^，,。；;]{{0,25}}?(?:{_MEETING_WORDS})")
# 平安创建(工作)表彰大会, 平安创建先进表彰会: a ceremony of honours named by the term.
_CEREMONY_AFTER = re.compile(r"^(?:工作|活动|先进|暨[^，,。；;]{1,10}?)*表彰(?:大会|会|活动|会议)")
# 在全省平安创建表彰大会上: the meeting the sentence places its event at, named with the term.
_AT_BEFORE = re.compile(r"在[^，,。；;在]{0,20}$")
_AT_MEETING_AFTER = re.compile(rf"^[^，,。；;]{{0,20}}?(?:{_MEETING_WORDS}|大会|表彰会|颁奖会|典礼|仪式)上")
# 全省平安创建工作新闻发布会在海口举行: the meeting's name, with the holding verb after it.
_MEETING_HELD_AFTER = re.compile(
    rf"^[^，,。；;]{{0,25}}?(?:{_MEETING_WORDS}|大会)[^，,。；;]{{0,12}}?(?:召开|举行|举办|开幕|开班|闭幕)"
)
_VISIT = re.compile(
    r"(?:赴|前往|来到)[^，,。；;]{0,15}?(?:学习|考察|取经|参观|观摩)|学习考察|考察学习|学习借鉴|取经|参观学习"
    # 通过对甲、乙等地的实践考察发现，其“X”模式…: what a study finds in places is research, not
    # the work of the unit that studies them
    r"|(?:考察|调研|调查)(?:中|时)?发现"
)
# 赴某市学习考察，回来后全面推行X: a later clause that opens with the return is the visitors'
# own work at home, out of the visit cue's reach.
_RETURN = re.compile(
    r"[，,；;](?:[^，,。；;]{0,8}?)(?:回来后|回去后|返回后|归来后|回村后|回镇后|回县后|学成归来|回到[^，,。；;]{1,8}后)"
)
# 学习借鉴“枫桥经验”, with the practice as its direct object and no place or visit named: the
# unit takes the model up at home, as 践行 or 运用 would say.
_LEARNT_DIRECT = re.compile(r"了?(?:新时代)?[“\"「]?")
# 深入某县综治中心调研, 到某社区警务室视察: a body is where a visitor inspects, not work done.
_INSPECT_BEFORE = re.compile(r"(?:深入|来到|走进|莅临|前往|赴)[^，,。；;]{0,16}$")
_INSPECT_AFTER = re.compile(r"^[^，,。；;]{0,4}?(?:调研|视察|考察|检查指导|督导)")
# 考察组先后到甲市综治中心、乙区综治中心等地参观学习 (赴乙县开展X建设学习交流活动): bodies or
# topics on the route of a study visit, named between the verb of going and the verb of looking,
# are where the visitors learn.
_TOUR_BEFORE = re.compile(r"(?:(?<![达得受做收遇看想感直找报签办])到|赴|前往|来到|走进)[^，,。；;:：]{0,60}$")
_TOUR_AFTER = re.compile(
    r"^[^，,。；;:：]{0,40}?等?地?(?:参观|观摩|取经|考察学习|学习考察|学习借鉴|学习经验|学习交流|交流学习)"
)
# 省调研组来我县调研“枫桥经验”工作 / 到甲镇督导网格化管理: the practice is what a visit looks at.
# 考察团, 调研组, 督导组 name the visitors, no visit verb: 向来访的考察团介绍本区X is the host's own.
_VISIT_TOPIC_BEFORE = re.compile(
    r"(?:(?<![以年])来|(?<![达得受做收遇看想感直找报签办伸])到|赴|莅临|深入|前往)[^，,。；;:：]{0,16}?"
    # the topics may run on as a 、-list after the verb (到乙县考察交流基层治理、综治中心建设等工作)
    r"(?:调研|考察|视察|督导|督查|检查指导)(?![团组队])了?[^，,。；;:：]{0,24}$"
)
# 考察团一行观摩了网格化服务管理工作 / 甲县代表团听取了…经验介绍: a sentence whose subject is a
# visiting delegation and whose verb is one of looking or listening names what the visitors saw;
# it is the host's only where the text writes its owner before it (参观了乙镇综治中心, 乙县的“X”).
_DELEGATION = re.compile(
    # a date or time opening the sentence (9月4日下午，…一行) comes before the delegation
    r"^(?:(?:[0-9]{1,2}月[0-9]{1,2}日|近日|日前|近期|昨天|今天)[上下]?午?[，,])?"
    r"[^，,。；;:：]{0,24}?(?:考察团|观摩团|参观团|学习团|调研团|考察组|调研组|观摩组|代表团|一行)"
)
# 某区委政法委调研“X”调解品牌: the practice as the direct object of a visit verb is its topic
# (an owner written before it, 调研乙镇“X”, leaves the verb out of reach).
_VISITED_OBJECT = re.compile(r"(?:调研|考察|观摩)了?[“\"「]?$")
_VIEWING = re.compile(r"参观|观摩|听取|考察|学习|了解|借鉴|察看|查看|调研|感受|体验")
_OWNER_BEFORE = re.compile(
    r"(?:[县市区旗镇乡村州盟]|街道|社区|嘎查|苏木|当地|的)(?:[“\"「][^“”\"「」]{1,16}[”\"」])?[“\"「]?$"
)
_INSPECTED_AND = re.compile(r"(?:调研|视察|考察)(?:和|并|、)$")  # 深入某中心调研和接访: the visitor's
# 枫桥经验研究院, “枫桥经验”指数, …论坛: the practice names an institute, an index or a forum
# (a name of a body or a publication), not work a unit did.
_NAME_OF_BODY_AFTER = re.compile(r"^[”\"」]?(?:研究院|研究会|研究中心|研究所|指数|论坛)")
# 签订《2023年度平安建设目标责任书》: the practice names what a pledge binds its signer to.
_PLEDGE_BEFORE = re.compile(r"《[^《》]{0,40}$")
_PLEDGE_AFTER = re.compile(r"^[^《》]{0,40}?(?:责任书|责任状|承诺书)》")
# 枫桥经验诞生于…, 这一做法，源于…: where a practice came from (its subject's own, after a comma too).
_BACKGROUND = re.compile(r"^[”\"」]?[，,]?[^，,。；;]{0,4}?(?:诞生于|发源于|起源于|源于|首创于)")
# 20世纪60年代初，某镇…形成了“枫桥经验”: where a practice came from, told as history.
# (上世纪90年代以来 … 形成了X: work kept up to now, the unit's own.)
_ERA = re.compile(
    r"(?:(?:19|20|上|十九|二十)世纪)?(?:[1-9]0|[一二三四五六七八九]十)年代(?:初|中期|末)?(?!以来|起|至今|开始)"
)
_ORIGIN_VERB = re.compile(r"形成|创造|创立|诞生|发源|首创|孕育")
_BACKGROUND_BEFORE = re.compile(r"(?:诞生于|发源于|起源于|首创于)[^，,。；;]{0,12}的[“\"「]?$")
# 中心由原信访接待大厅改造而成, 利用闲置的派出所旧址改建: what a facility was made from is its
# history; the old hall's or building's practice is not carried on by the new one.
_MADE_FROM_BEFORE = re.compile(
    r"(?:由|利用|将)(?:原|原来的?|原先的?|以前的?|闲置的?|废弃的?|老)[^，,。；;]{0,6}$"
)
_MADE_FROM_AFTER = re.compile(
    r"^[^，,。；;]{0,10}?(?:旧址|原址|大厅|办公楼|用房|楼|房|室|所|站|点|厅)?"
    r"(?:改造|改建|改扩建|翻新|腾退|装修)(?:而成|成|为|出)"
)
_COMMENTARY = re.compile(r"应当|应该|核心(?:就)?是|热词")
# 用好“X”已成为乡村治理的新课题: a practice said to have become a topic, task or test is
# a remark on the times, not a unit's work (中心已成为化解矛盾的平台 says what a centre does, and stays).
_BECAME_TOPIC_AFTER = re.compile(
    r"^[”\"」]?[^，,。；;]{0,6}?[，,]?(?:已经?|正|日益|逐渐)?成为[^，,。；;]{0,20}?"
    r"(?:课题|命题|难题|考题|必答题|必修课|时代之问|重要任务|紧迫任务|迫切任务|重大任务)"
)
# 过去单一的X模式已难以适应…: a way of working said to fall short is the problem a report starts
# from, no report of work done.
_FALLS_SHORT_AFTER = re.compile(
    r"^[^，,。；;]{0,8}?(?:已经?|早已|越来越|逐渐|仍然?)?(?:难以|不能|无法|不再|不足以)(?:适应|满足|应对)"
)
# 网格化管理仍不够精细, 综治中心作用发挥不充分, 在X方面还存在短板: a practice whose own clause says
# it is wanting is a shortcoming reported, not work done; the same words as the object of a remedy
# (针对…不到位的问题, 改变了…不够精细的状况) are the occasion of the work, and stay an adoption.
_WANTING_AFTER = re.compile(
    r"^[^，,。；;]{0,8}?(?:仍然?|还|尚|依然|依旧)?(?:不够|不充分|不到位|不完善|不健全|不规范|不平衡|较为薄弱|比较薄弱|"
    r"存在(?:短板|不足|差距|薄弱环节)|有待(?:加强|提高|提升|完善))(?![^，,。；;]*?的?(?:问题|状况|局面|现象|情况))"
)
# 难以适应…矛盾纠纷化解的需要, 满足群众…的需求: the practice a need names is wanted, not done.
_NEED_BEFORE = re.compile(r"(?:适应|满足)[^，,。；;]{0,12}$")
_NEED_AFTER = re.compile(r"^[^，,。；;]{0,3}?的?(?:需要|需求)")
# 把民法典、反诈、禁毒等法律知识编进唱词: items of a list of what people are taught are the
# subject matter of legal education, not work of their own (a lone 反诈宣传 stays that work).
_LIST_JOIN = "、和及与"
_TOPIC_LIST_AFTER = re.compile(
    r"^(?:[、和及与][^、和及与，,。；;:：“”]{1,10})*等?[^，,。；;:：、]{0,6}?(?:知识|常识|案例|课程|话题|法律法规)"
)
# 把护林防火、反邪教编入村规: what a code of conduct is made to say, not work of its own.
_WRITTEN_INTO = re.compile(
    r"^[^，,。；;]{0,12}?(?:[、和及与][^，,。；;]{1,12})*等?(?:内容|行为|条款)?(?:纳入|写进|写入|编入)了?"
    r"《?(?:村规民约|居民公约|村规|社区公约|自治章程)"
)
# 一些地方把网格越划越细…网格员疲于应付; 有的地方…群众却…: a sentence whose subject is an
# indefinite "some places / some people" and that names a shortcoming criticises a tendency; it
# reports no unit's work.
_INDEFINITE_OPENING = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]+[是、.)）])?(?:但|然而|同时|当前|目前|现实中|实践中)?[,，]?"
    r"(?:一些|有些|有的|个别|少数)"
)
_SHORTCOMING = re.compile(
    r"反而|疲于|流于形式|走过场|形式主义|不到位|不够|不足|薄弱|重[^，,。；;]{1,6}轻|只满足于|空转|一阵风"
    # 却 is a shortcoming unless it turns to the better: 过去矛盾多，如今却成了示范村
    r"|(?<!如今)(?<!现在)(?<!而今)(?<!眼下)(?<!今天)却(?!成了|成为|变成|变为|实现)"
)
# 针对调解力量薄弱的问题，组建…; 弥补了人手不足: a shortcoming the unit remedies is the occasion of
# its work, not a criticism of it.
_REMEDY_BEFORE = re.compile(
    r"(?:针对|弥补|解决|破解|补齐|补足|补强|应对|扭转|改变|克服|缓解)[^，,。；;]{0,16}$"
)
# 网格员、调解员、志愿者，是基层治理中最了解情况的人: a sentence whose subject is only the practice
# (alone or in a list of like nouns) and whose verb is 是 says what the practice is; it names no
# unit that has it. A place in the subject (甲镇综治中心是…) makes it a fact about that unit.
_DEFINITION = re.compile(r"(?P<items>[^，,。；;：:“”\"是]{2,40}?)[，,]?(?:就|都|正|也|便)?是(?![否以])")
_DEFINITION_ITEM = re.compile(r"[、和与及]")
# …是“X”的根本定位/精髓/核心: the practice named in the predicate as what something is to it
_ESSENCE_OF = re.compile(
    r"[”\"」]?的(?:根本定位|定位|精髓|核心|要义|本质|灵魂|根本|关键|精神实质|内在要求|基本要求|"
    r"(?:题中)?应有之义|重要内容|出发点|落脚点|生命力|生命线|鲜明特[征点色]|显著特[征点])"
)
_ESSENCE_LEAD = re.compile(r"[“\"「]?(?:新时代)?[“\"「]?")
_PLACE_CHAR = re.compile(r"[省市县区旗州盟镇乡村街社所局院庭我全该本这此其]")
# 网格化管理是我县…的重要抓手; 综治中心是全市…的主阵地: a predicate naming the writer's own unit
# says what the practice is there, so the sentence reports that unit's practice.
_OWN_UNIT = re.compile(r"(?:我|全|本|该)(?:省|市|县|区|旗|州|盟|镇|乡|村|社区|街道)")
# 要继续深入开展…; 必须坚持…: a sentence that opens with a modal goes on with an instruction.
# 各地可从…方面促进…, 各地要…: advice to every place, no unit's work either.
_EXHORTATION = re.compile(
    r"^(?:[一二三四五六七八九十\d]+[是、.)）])?(?:要(?!求|案|点|素|事|闻)|必须|务必"
    r"|各地(?:区|方)?(?:要|应|可以?|须|需)(?!求))"
)
# 坚持周研判制度，要坚持和发展“枫桥经验”，完善X: a clause that opens with the modal 要 (must)
# carries on a speech's list of instructions, and the clauses after it are in the same list.
_CLAUSE_MODAL = re.compile(
    r"[，,；;:：]\s*(?:同时|并且?|还|更|也|都|均)?(?:要(?!求|案|点|素|事|闻|害|件)|必须|务必)"
)
# 整合派出所、司法所、人民调解室等力量 / 将A、B整合纳入X: members pooled into something else.
_POOL_BEFORE = re.compile(r"(?:整合|汇聚|统筹|吸纳|集中|联合)[^，,。；;:：]*$")
_POOL_AFTER = re.compile(r"^[^，,。；;:：]*?(?:资源|力量|部门|单位|数据|职能)")
_POOLED_BEFORE = re.compile(r"将[^，,。；;:：]*$")
# Only bodies and places are pooled away (派出所, 调解室, 综治中心); people pooled as forces (网格员,
# 村警) are the region's own work.
_BODY = re.compile(r"(?:所|中心|室|站|办|厅|庭|平台|信访)$")
_POOLED_AFTER = re.compile(r"^[^，,。；;:：]*?整合(?:纳入|进|到|为)")
# 将县综治中心与信访接待大厅相融合: the body after 与 is merged into the centre named first, one of
# its parts (the centre itself, before 与, stays the region's own work).
_MERGED_INTO_BEFORE = re.compile(r"将[^，,。；;:：]{1,16}?中心(?:与|和|同)$")
_MERGED_INTO_AFTER = re.compile(r"^[^，,。；;:：]{0,8}?(?:相融合|深度融合|融合|合署办公)")
# 综治中心设置信访接待、心理服务等功能区 / 中心集A、B于一体 / A窗口整体入驻县综治中心: one function
# of a centre, which is the centre's work and no programme of its own.
_FUNCTION_OF_BEFORE = re.compile(
    r"中心[，,]?[^，,。；;:：]{0,6}?(?:设置|设有|设立|开设|集|整合|涵盖|包括|包含|具备)[^，,。；;:：]*$"
)
_FUNCTION_OF_AFTER = re.compile(r"^[^，,。；;:：]*?(?:功能区|功能室|窗口|于一体|等功能|等职能|服务区)")
# 打造集信访接待、法律咨询等功能为一体的平台: the listed functions are that platform's, named after them.
_GATHERED_BEFORE = re.compile(r"集[^，,。；;:：集]*$")
# 集调处中心与心理服务中心于一体的X: centres gathered into one are its parts too.
_GATHERED_AFTER = re.compile(r"^(?:[^，,。；;:：]*?(?:功能|职能|中心)[^，,。；;:：]{0,2}?)?[于为]一体")
# 诉求实行“一窗受理”, 中心靠“一窗受理”分流纠纷: one window for disputes and requests is
# how a dispute centre takes cases in, not the 放管服 reform of government services and approvals.
_ONE_WINDOW = ("一窗受理", "一窗式", "一门式")
_DISPUTE_INTAKE = re.compile(r"综治|矛调|矛盾|纠纷|调解|调处|诉求|信访")
_GOVERNMENT_SERVICE = re.compile(r"政务|审批|便民服务|户籍|证照|营商|企业开办|行政服务|不动产|办事")
_MOVED_IN_AFTER = re.compile(r"^[^，,。；;:：]{0,8}?(?:入驻|进驻)[^，,。；;:：]{0,12}?中心")
# 按一厅多室设置接待厅、咨询室等功能区, 整合来访接待与法律咨询2类便民服务, 中心融合
# 网格化管理、信访接待等职能: a clause that sets up a facility lists its rooms, windows or services,
# each a part of that facility and no programme of its own.
_SETUP_CLAUSE_BEFORE = re.compile(
    r"(?:^|[，,；;:：])[^，,。；;:：]{0,12}?(?:设置|设有|设立|开设|设|配备|提供|整合|融合|集成)[^，,。；;:：]*$"
)
_FACILITY_PARTS_AFTER = re.compile(
    r"^[^，,。；;:：]*?(?:等(?:[0-9一二三四五六七八九十]+[个大项])?(?:功能区|功能室|职能)"
    r"|(?:[0-9一二三四五六七八九十]+类|等[“\"]?一站式[”\"]?)[^，,。；;:：]{0,4}?服务)"
)
# 巡查、走访、积案清理等“联查联办”: items listed before 等 and a quoted programme name are the
# parts that programme joins, not programmes of their own.
# A numeral-led quote (等“六进”活动) counts the items and names no programme that joins them.
_PARTS_OF_NAMED = re.compile(
    r"^[^，,。；;“”、]{0,8}?(?:[、和及与][^，,。；;“”]{1,16})*等[“\"](?![一二两三四五六七八九十百0-9])[^”\"]{2,14}[”\"]"
)
# 村警每周负责巡逻、宣讲和纠纷调处, 培养“法律明白人”，协助村两委开展法治宣传: work listed as the
# duties of a keyed role is that programme's work, not a programme of its own (dev convention C6);
# a comma after the role (推选联户长，开展…创建) starts the unit's own clause unless a duty verb follows.
_DUTY_OF_ROLE = re.compile(
    r"(?:驻村辅警|网格员|村警|护边员|联户长|法律明白人)(?:们)?[”\"」]?(?:[，,](?=协助|负责|承担))?"
    r"(?:常态化|每天|每周|定期|主动|积极|日常)?"
    r"(?:开展|负责|承担|协助)[^，,。；;]*(?:[，,](?:全年|累计|共|今年以来|年内)[^，,。；;]*)?$"
)
# 平安建设、信访工作等工作走在全省前列: a field of work named only as ranked, which is no award of
# a practice and no report that the unit carried it out.
# 平安创建实现“十七连冠”, 扫黑除恶工作蝉联全省第一: a streak of wins after the practice ranks it.
_STREAK_AFTER = re.compile(
    r"^[^，,。；;]{0,6}?(?:实现|取得|保持)?[“\"]?(?:[一二两三四五六七八九十百\d]+连冠|蝉联)"
)
_RANKED_AFTER = re.compile(
    r"^(?:[、和及与][^，,。；;、]{1,12})*等?(?:各项)?工作?(?:质效|成效|质量|水平|成绩|综合考评|考评|考核)?"
    r"(?:均|都|继续|持续|始终|一直)?"
    # 禁毒工作成效全省前列: the ranking stated with no verb, the scope right before it
    r"(?:(?:走在|位居|位列|居于?|排名|名列|进入)[^，,。；;]{0,8}?|全(?:国|省|市|州|区|县))"
    r"(?:前列|前茅|首位|第[一二三123]|先进行列)"
)
# 反诈宣传满意度达96%, 居民对扫黑除恶的满意度: a practice named only as what a survey
# rated is the survey's topic, a score like a ranking, and no report that the unit carried it out.
_RATED_AFTER = re.compile(
    r"^(?:[、和及与][^，,。；;、]{1,12})*等?(?:工作|斗争|专项斗争)?(?:成效|成果|效果)?的?(?:群众|公众)?"
    r"(?:满意度|满意率|知晓率|认可度|好评率)"
)
# “以前吵架没人管，现在村里有了网格员……”村民王某说: a remark quoted from a resident, a party or a
# visitor is what that person saw or wants, not the text reporting a unit's work (and a visitor's
# “我们那里也在搞X” is another place's); a unit's own officer quoted stays its report.
_REMARK_MARK = re.compile(r"[，,。！!？?；;…]")
# 我们, 咱们, 俺们, and 我 not opening a place (我市) or a campaign name (我为群众办实事).
_FIRST_PERSON = re.compile(r"我们|咱们?|俺们?|我(?![市县区省州旗盟国镇乡村为])")
_SPEAKER = (
    r"(?:村民|居民|群众|市民|游客|业主|商户|摊主|店主|当事人|申请人|老人|大爷|大妈|大娘|大姐|阿姨|牧民|渔民"
    r"|考察人员|来访|参观者|家长|学生|司机|外卖员|快递员|网友)"
)
_SAYS = r"(?:说|表示|感慨|坦言|告诉|笑着|连声)"
_NOT_SPEECH = r"[^。“”\"，,]"
_SPEAKER_AFTER = re.compile(rf"[，,]?{_NOT_SPEECH}{{0,12}}?{_SPEAKER}{_NOT_SPEECH}{{0,10}}?{_SAYS}")
_SPEAKER_BEFORE = re.compile(rf"{_SPEAKER}{_NOT_SPEECH}{{0,10}}?{_SAYS}[道]?[：:，,]?\s*$")
# 尚未建立综治中心, 缺乏专职网格员: work not done (yet), or a lack the text names, is no adoption.
_NEGATED_BEFORE = re.compile(
    r"(?:尚未|未能|仍未|还未|还没有|仍没有|(?<![从由])没有|并未|尚无|仍无|缺乏|缺少|欠缺"
    r"|未(?=建立|建成|成立|设立|配备|推行|开展|落实|组建|实现|覆盖))"
    r"(?:真正|完全|全面)?(?:建立|建成|成立|设立|配备|配齐|推行|开展|落实|实现|组建|形成|健全|覆盖)?(?:起|好)?"
    r"(?:(?:专职|专门|足够|固定|规范)的?)?$"
)
# 出席会议的有派出所、司法所、禁毒办…: bodies attending a meeting, not work done. So is a list of
# units closed by a head count of those who came (县综治中心、县法院等12名同志参加观摩): who took part,
# not what each of them does.
_ATTENDANCE = re.compile(
    r"出席|列席|参加会议|参会"
    # (who are trained, 组织网格员等80名同志参加培训, are the organiser's own work)
    r"|[0-9一二两三四五六七八九十百余多]+(?:名|位|人)(?:同志|代表|干部|负责同志|负责人|领导)(?:参加|参与)(?!培训|轮训)"
)


@dataclass(frozen=True, slots=True)
class Cue:
    """Why a practice mention is not an adoption: the class and the words that said so."""

    reason: str
    words: str


# How far before and after a practice its cues are looked for: bounded, so a long sentence
# with many practices costs time in proportion to its length.
WINDOW = 160


@dataclass(frozen=True, slots=True)
class _SentenceCues:
    """The cues that hold for a whole sentence, found once however many practices it names."""

    whole: Cue | None  # plan (anywhere), exhortation (opening)
    late: Cue | None  # attendance, commentary: checked after the positional classes
    awards: tuple[tuple[int, str], ...]  # (start, words) of each award phrase
    aim: tuple[int, str] | None  # (start, words) of the first 力争 that is not the opening


def _criticism(sentence: str) -> re.Match[str] | None:
    """The first shortcoming the sentence names that no remedy verb before it takes as its object."""
    for m in _SHORTCOMING.finditer(sentence):
        if not _REMEDY_BEFORE.search(sentence, 0, m.start()):
            return m
    return None


# Searches whose patterns open with optional parts or long alternations (no fast skip in `re`),
# gated by the literal words one of which any match holds: most windows hold none.
_PLAN_SCAN = Gated(_PLAN)
_INSTRUCTION_SCAN = Gated(_INSTRUCTION)
_VISIT_SCAN = Gated(_VISIT)
_VISIT_TOPIC_SCAN = Gated(_VISIT_TOPIC_BEFORE)
_TOUR_BEFORE_SCAN = Gated(_TOUR_BEFORE)


@lru_cache(maxsize=32)
def _sentence_cues(sentence: str) -> _SentenceCues:
    whole: Cue | None = None
    if m := _PLAN_SCAN.search(sentence):
        whole = Cue("plan", m.group())
    elif (m := _INDEFINITE_OPENING.match(sentence)) and (n := _criticism(sentence)):
        whole = Cue("commentary", m.group() + "…" + n.group())
    awards = tuple((m.start(), m.group()) for m in _AWARD.finditer(sentence))
    late: Cue | None = None
    if m := _ATTENDANCE.search(sentence):
        late = Cue("meeting", m.group())
    elif m := _COMMENTARY.search(sentence):
        late = Cue("commentary", m.group())
    found = _AIM.search(sentence)
    aim = (found.start(), found.group()) if found else None
    return _SentenceCues(whole, late, awards, aim)


def targets_from(sentence: str) -> int | None:
    """Where the sentence's figures turn into targets: 0 in a plan (下一步, 将进一步…), the 力争 of
    an aim stated in it, or None when its figures are results."""
    cues = _sentence_cues(sentence)
    if cues.whole is not None and cues.whole.reason == "plan":
        return 0
    found = [cues.aim[0]] if cues.aim is not None else []
    if m := _TARGET_WORDS.search(sentence):
        found.append(m.start())  # 目标是…, 不低于95%, 要求各镇…: a level set, not reached
    return min(found) if found else None


def _governs(sentence: str, award: int, start: int, end: int) -> bool:
    """Whether the award phrase at ``award`` covers the practice at ``sentence[start:end]``: not
    past a semicolon, nor into a later clause that gives the practice an honour of its own."""
    between = sentence[award:start]
    if ";" in between or "；" in between:
        return False
    clauses = _CLAUSE_END.split(between)
    if len(clauses) > 1 and clauses[0].rstrip().endswith(("后", "之后", "以来")):
        return False  # 荣获…表彰后，甲镇首创的X持续见效: the honour dates the work told after it
    if any(_HONOUR_CAUSE.match(c) for c in clauses[1:]):
        return False  # …荣誉称号，这是甲镇打造“X”品牌…: the cause of the honour, the unit's own work
    clause = clauses[-1] if len(clauses) > 1 else None
    if clause is not None and _OWN_SUBJECT.match(clause):
        return False  # 甲镇被评为…，其“X”工作法成效明显: a clause of its own about the unit's work
    return not (clause is not None and _OWN_HONOUR_AFTER.match(sentence, end))


def _defines(sentence: str, start: int, end: int) -> re.Match[str] | None:
    """The opening 'X、Y，是…' when the practice at ``sentence[start:end]`` is among the X, Y."""
    m = _DEFINITION.match(sentence)
    if m is None or end > m.end("items"):
        return None
    items = m.group("items")
    if _PLACE_CHAR.search(items) or any(len(i) > 6 for i in _DEFINITION_ITEM.split(items)):
        return None
    predicate = _CLAUSE_END.split(sentence[m.end() :], maxsplit=1)[0]
    if _OWN_UNIT.search(predicate):
        return None
    return m


def _essence_of(sentence: str, start: int, end: int) -> re.Match[str] | None:
    """The predicate 'X是“Y”的精髓/根本定位…' when the practice at ``sentence[start:end]`` is the Y
    and the X before 是 names no unit: a remark on what the practice is, not a unit's work."""
    m = _DEFINITION.match(sentence)
    if m is None or not _ESSENCE_LEAD.fullmatch(sentence, m.end(), start):
        return None
    if _PLACE_CHAR.search(m.group("items")) or _OWN_UNIT.search(sentence, 0, m.end()):
        return None
    return _ESSENCE_OF.match(sentence, end)


def _remark(sentence: str, start: int, end: int) -> re.Match[str] | None:
    """The speaker of a resident's or visitor's remark quoted around ``sentence[start:end]``."""
    opened = sentence.rfind("“", 0, start)
    if opened < 0 or "”" in sentence[opened:start]:
        return None
    closed = sentence.find("”", end)
    if closed < 0 or not _REMARK_MARK.search(sentence, opened, closed):
        return None  # a quoted name (“红色管家”), not a remark
    return _SPEAKER_AFTER.match(sentence, closed + 1) or _SPEAKER_BEFORE.search(sentence, 0, opened)


def _first_person_quote(sentence: str) -> re.Match[str] | None:
    """The first-person word of a sentence that is one quoted remark (“我们…。”) whose speaker
    the text names only in the next sentence: what it says is not resolved from that sentence."""
    text = sentence.rstrip()
    if sentence.find("”") != len(text) - 1 or not _REMARK_MARK.search(text, 1, len(text) - 1):
        return None
    return _FIRST_PERSON.search(text)


def classify(sentence: str, start: int, end: int) -> Cue | None:
    """The mention class of the practice at ``sentence[start:end]``, or None for an adoption."""
    cues = _sentence_cues(sentence)
    if "“" in sentence and (m := _remark(sentence, start, end)):
        return Cue("remark", m.group().strip("，,：: "))
    if sentence.startswith("“") and (m := _first_person_quote(sentence)):
        return Cue("remark", m.group())
    if cues.whole is not None:
        return cues.whole
    if cues.aim is not None and (cues.aim[0] < start or not _CLAUSE_END.search(sentence, end, cues.aim[0])):
        return Cue("plan", cues.aim[1])
    for pos, words in cues.awards:
        if pos <= start and _governs(sentence, pos, start, end) and not _PILOT_AFTER.match(sentence, start):
            return Cue("award", words)
    before = sentence[max(0, start - WINDOW) : start]
    after = sentence[end : end + WINDOW]
    if (
        (m := _PARTS_OF_NAMED.match(after))
        and not _CLAUSE_END.search(m.group())
        and "、" in _CLAUSE_END.split(before)[-1]
    ):
        return Cue("component", m.group()[-6:])
    if m := _DUTY_OF_ROLE.search(before):
        return Cue("component", m.group()[:4])
    if m := _GRADED_AFTER.match(after):
        return Cue("award", m.group()[-3:])
    if "表彰" in after and (m := _CEREMONY_AFTER.match(after)):
        return Cue("award", m.group()[-4:])  # 平安创建表彰会: the term names the honours given
    if m := _RANKED_AFTER.match(after):
        return Cue("award", m.group()[-4:])
    if m := _STREAK_AFTER.match(after):
        return Cue("award", m.group()[-3:])
    if m := _RATED_AFTER.match(after):
        return Cue("award", m.group()[-3:])
    if (m := _HONOUR_GIVEN.search(before)) and (n := _HONOUR_CATEGORY.match(after)):
        return Cue("award", m.group()[:2] + "…" + n.group()[-4:])
    if (before.endswith(tuple(_LIST_JOIN)) or after.startswith(tuple(_LIST_JOIN))) and (
        m := _TOPIC_LIST_AFTER.match(after)
    ):
        return Cue("topic", sentence[start:end] + m.group())
    if m := _WRITTEN_INTO.match(after):
        return Cue("topic", m.group()[-6:])
    if m := _MEDIA_TITLE.search(before):
        return Cue("media", m.group())
    if m := _NAME_OF_BODY_AFTER.match(after):
        return Cue("media", sentence[start:end] + m.group())
    if "《" in before and (m := _STUDIED_TITLE.search(before)) and _TITLE_CLOSES.match(after):
        return Cue("policy", m.group()[:4])
    if _PLEDGE_BEFORE.search(before) and (m := _PLEDGE_AFTER.match(after)):
        return Cue("pledge", m.group()[-4:-1])
    if (m := _AUTHORITY.search(before)) and (
        n := _POLICY_WORD.search(before + sentence[start:end] + after, m.end())
    ):
        return Cue("policy", m.group() + "…" + n.group())
    if "中央" in before and (m := _CENTRAL_MEETING.search(before)):
        return Cue("policy", m.group()[:2] + "…" + m.group()[-2:])
    if m := _INSTRUCTION_SCAN.search(before):
        return Cue("instruction", m.group())
    if m := _EXHORTATION.match(sentence):
        return Cue("instruction", m.group())
    if ("要" in before or "必" in before or "务" in before) and (m := _CLAUSE_MODAL.search(before)):
        return Cue("instruction", m.group()[1:].strip())
    if _DEMAND_BEFORE.search(before) and (m := _DEMAND_AFTER.match(after)):
        return Cue("instruction", m.group()[-4:])
    if (m := _POLICY_TOPIC_BEFORE.search(before)) and _POLICY_TOPIC_AFTER.match(after):
        return Cue("policy", m.group()[:2] + "…关于")
    if _DEPLOYED_BEFORE.search(before) and (n := _DEPLOYED_AFTER.match(after)):
        return Cue("instruction", "对…" + n.group()[-4:])
    if (m := _DEPLOYING_BEFORE.search(before)) and not _COMPLYING.search(
        before, max(0, m.start() - 8), m.start()
    ):
        return Cue("instruction", m.group()[:4])
    if (m := _MEETING.search(before)) and (n := _MEETING_END.match(after)):
        return Cue("meeting", m.group() + sentence[start:end] + n.group())
    if "上" in after and (m := _AT_BEFORE.search(before)) and (n := _AT_MEETING_AFTER.match(after)):
        # 在全省平安创建工作表彰大会上，某县获评…: the term names the meeting where it happened
        return Cue("meeting", m.group() + sentence[start:end] + n.group())
    if ("会" in after or "论坛" in after or "培训班" in after) and (n := _MEETING_HELD_AFTER.match(after)):
        return Cue("meeting", sentence[start:end] + n.group())
    body = _BODY.search(sentence[start:end]) or _BODY.search(sentence[start : end + 1])
    body = body or _BODY.search(sentence[start : end + 2])
    if body and (m := _POOL_BEFORE.search(before)) and _POOL_AFTER.match(after):
        return Cue("component", m.group()[:8])
    if body and _POOLED_BEFORE.search(before) and (m := _POOLED_AFTER.match(after)):
        return Cue("component", m.group()[-4:])
    if body and _MERGED_INTO_BEFORE.search(before) and (m := _MERGED_INTO_AFTER.match(after)):
        return Cue("component", m.group()[-3:])
    if (m := _FUNCTION_OF_BEFORE.search(before)) and _FUNCTION_OF_AFTER.match(after):
        return Cue("component", m.group()[:4])
    if _GATHERED_BEFORE.search(before) and (m := _GATHERED_AFTER.match(after)):
        return Cue("component", m.group()[-3:])
    if m := _MOVED_IN_AFTER.match(after):
        return Cue("component", m.group()[-4:])
    if _SETUP_CLAUSE_BEFORE.search(before) and (m := _FACILITY_PARTS_AFTER.match(after)):
        return Cue("component", m.group()[-4:])
    if (
        sentence.startswith(_ONE_WINDOW, start)
        and (m := _DISPUTE_INTAKE.search(sentence))
        and not _GOVERNMENT_SERVICE.search(sentence)
    ):
        return Cue("component", m.group() + "…" + sentence[start:end])
    if cues.late is not None and cues.late.reason == "meeting":
        return cues.late
    if (
        (m := _VISIT_SCAN.search(before))
        and not _RETURN.search(before, m.end())
        and not (m.group() == "学习借鉴" and _LEARNT_DIRECT.fullmatch(before, m.end()))
    ):
        return Cue("visit", m.group())
    if (m := _INSPECT_BEFORE.search(before)) and (
        (n := _INSPECT_AFTER.match(after)) or (n := _INSPECTED_AND.search(before))
    ):
        return Cue("visit", m.group()[:2] + "…" + n.group()[:2])
    if (
        (m := _DELEGATION.match(sentence))
        and m.end() <= start
        and (n := _VIEWING.search(sentence, m.end(), start))
        and not _RETURN.search(sentence, n.end(), start)
        and not _OWNER_BEFORE.search(sentence, 0, start)
    ):
        return Cue("visit", m.group()[-3:] + "…" + n.group())
    if m := _VISIT_TOPIC_SCAN.search(before):
        return Cue("visit", m.group()[:1] + "…" + m.group()[-2:])
    if m := _VISITED_OBJECT.search(before):
        return Cue("visit", m.group().rstrip('“"「'))
    if (m := _TOUR_BEFORE_SCAN.search(before)) and (n := _TOUR_AFTER.match(after)):
        return Cue("visit", m.group()[:2] + "…" + n.group()[-2:])
    if m := _NEGATED_BEFORE.search(before):
        return Cue("negation", m.group())
    if m := _defines(sentence, start, end):
        return Cue("commentary", m.group()[-6:])
    if m := _essence_of(sentence, start, end):
        return Cue("commentary", m.group()[-6:])
    if m := _FALLS_SHORT_AFTER.match(after):
        return Cue("commentary", m.group()[-4:])
    if (m := _WANTING_AFTER.match(after)) and not _REMEDY_BEFORE.search(before):
        return Cue("commentary", m.group()[-4:])
    if m := _BECAME_TOPIC_AFTER.match(after):
        return Cue("commentary", m.group()[-4:])
    if (m := _NEED_BEFORE.search(before)) and (n := _NEED_AFTER.match(after)):
        return Cue("commentary", m.group()[:2] + "…" + n.group()[-2:])
    if m := _BACKGROUND.match(after):
        return Cue("background", m.group())
    if (m := _ERA.search(sentence, 0, start)) and (n := _ORIGIN_VERB.search(sentence, m.end(), end)):
        return Cue("background", m.group() + "…" + n.group())
    if m := _BACKGROUND_BEFORE.search(before):
        return Cue("background", m.group())
    if (m := _MADE_FROM_BEFORE.search(before)) and (n := _MADE_FROM_AFTER.match(after)):
        return Cue("background", m.group() + "…" + n.group()[-4:])
    return cues.late
