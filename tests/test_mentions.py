"""Mention or adoption (govkg.loaders.mentions): each cue class firing and not firing.

Every sentence is invented for this test. ``classify`` is given the practice's span.
"""

from __future__ import annotations

import pytest

from govkg.loaders.documents import from_text
from govkg.loaders.extract import extract
from govkg.loaders.mentions import classify, targets_from


def _cls(sentence: str, practice: str) -> str | None:
    start = sentence.index(practice)
    cue = classify(sentence, start, start + len(practice))
    return cue.reason if cue else None


@pytest.mark.parametrize(
    ("reason", "mention", "adoption", "practice"),
    [
        ("plan", "下一步，甲县将在全县推广网格化管理。", "甲县在全县推广网格化管理。", "网格化管理"),
        # after its subject too, and plans dated ahead; 为下一步…打下基础 reports work done
        ("plan", "甲镇下一步将推行网格化管理。", "甲镇为下一步推行网格化管理打下基础。", "网格化管理"),
        ("plan", "甲镇计划年底前建成综治中心。", "甲镇去年底建成综治中心。", "综治中心"),
        ("plan", "甲镇将于明年建成综治中心。", "甲镇已于去年建成综治中心。", "综治中心"),
        # the modal 要 after its subject, and 拟/准备/打算, set work still to do; 主要 is another word
        ("plan", "乙区今年还要在各街道推广网格化管理。", "乙区今年在各街道推广网格化管理。", "网格化管理"),
        ("plan", "乙区要全面推行网格化管理。", "乙区主要推行网格化管理。", "网格化管理"),
        ("plan", "丙镇拟在镇区新建综治中心。", "丙镇在镇区新建综治中心，设模拟法庭。", "综治中心"),
        ("plan", "丙镇准备年内建成综治中心。", "丙镇年内建成综治中心。", "综治中心"),
        ("award", "甲镇被评为全省枫桥经验示范镇。", "甲镇坚持枫桥经验，矛盾就地化解。", "枫桥经验"),
        # a trophy or a streak of wins, before the practice or after it, ranks it
        ("award", "甲市平安创建实现“五连冠”。", "甲市平安创建全面铺开，建成平安村80个。", "平安创建"),
        ("award", "乙县蝉联全省扫黑除恶先进县。", "乙县扫黑除恶打掉团伙3个。", "扫黑除恶"),
        # 成为…示范城市: a title borne; 成为…试点 is a pilot's work
        ("award", "丙市成为全国首批雪亮工程示范城市。", "丙市成为全省雪亮工程建设试点城市。", "雪亮工程"),
        # a later clause opening with the unit's whole territory (全县…) is a statement of its own
        (
            "award",
            "丁县“连心”工作法入选全省典型案例，建成调解组织50个。",
            "丁县“连心”工作法入选全省典型案例，全县建成调解组织50个。",
            "调解组织",
        ),
        # an honour clause closed by 后/以来 dates the work told after it, which is the unit's own
        (
            "award",
            "丙镇荣获全省“枫桥经验”先进典型，“三调”工作法持续见效。",
            "丙镇荣获全省先进典型表彰后，首创的“三调”工作法持续见效。",
            "三调",
        ),
        # an award governs its own clause, not past a semicolon nor a later clause whose own
        # honour follows the practice (甲县被评为…，乙镇“X”调解法入选…)
        (
            "award",
            "甲县被评为全省网格化管理示范县，群众满意度位居前列。",
            "甲县被评为全省平安县；全年推行网格化管理，化解纠纷百余件。",
            "网格化管理",
        ),
        (
            "award",
            "甲县荣获全省先进县，并获得综治中心建设示范单位称号。",
            "甲县被评为全省平安县，乙镇综治中心入选全省示范案例。",
            "综治中心",
        ),
        # joining the honoured ranks (跻身…行列, 入选…) is an honour too
        (
            "award",
            "甲县跻身“全国信访工作示范县”行列。",
            "甲县推行信访工作包案化解，积案全部清零。",
            "信访工作",
        ),
        (
            "award",
            "甲县有两项做法入选省级“政法为民办实事”典型案例。",
            "甲县开展“政法为民办实事”活动，解决群众急难事200余件。",
            "政法为民办实事",
        ),
        # a practice naming the category of an honour given is no work (表彰…X工作先进单位)
        (
            "award",
            "会上宣读了表彰2021年度信访工作先进单位和先进个人的决定。",
            "甲县表彰先进后，全面推行信访工作包案化解，先进经验得到推广。",
            "信访工作",
        ),
        # a candidacy for an honour is no more than one won
        (
            "award",
            "甲县推荐城关派出所参评“枫桥式公安派出所”。",
            "甲县以“枫桥式公安派出所”创建为抓手推动警务前移。",
            "枫桥式公安派出所",
        ),
        # the topic of a policy complied with or relayed
        (
            "policy",
            "会议深入贯彻省委、市委关于网格化管理的决策部署。",
            "全旗落实盟委部署，推行网格化管理。",
            "网格化管理",
        ),
        # the practice names an assessment whose grade the unit won
        (
            "award",
            "甲县在全市信访工作考核中获评优秀等次。",
            "甲县信访工作考核后，信访工作包案化解率达98%。",
            "信访工作",
        ),
        ("media", "电视台专题片《守护枫桥经验》播出。", "甲县发展枫桥经验。", "枫桥经验"),
        # a practice only in the title of a pledge signed binds the signer to a target
        (
            "pledge",
            "县委与各乡镇层层签订《平安建设暨综治中心建设目标责任书》。",
            "各乡镇签订责任书后建成综治中心，实现全覆盖。",
            "综治中心",
        ),
        ("pledge", "甲镇与各村签订《网格化管理责任状》。", "甲镇按方案推行网格化管理。", "网格化管理"),
        (
            "instruction",
            "调研组负责同志指出，要坚持枫桥经验。",
            "按照上级要求，甲县坚持枫桥经验。",
            "枫桥经验",
        ),
        # 将 before a verb of building (将构建, 将打造) is an intention
        ("plan", "两镇签订协议，双方将构建网格化管理体系。", "双方已构建网格化管理体系。", "网格化管理"),
        ("instruction", "县委政法委要求各乡镇建好综治中心。", "县委政法委建好综治中心。", "综治中心"),
        # what a meeting deploys is work set, not done; 按照…安排部署 is a unit complying
        (
            "instruction",
            "会议对雪亮工程验收和综治中心提档进行了全面部署。",
            "按照旗委安排部署开展综治中心提档，现已完工。",
            "综治中心",
        ),
        (
            "instruction",
            "旗委常委会专题研究网格化管理工作。",
            "旗委常委会召开后，全旗推行网格化管理。",
            "网格化管理",
        ),
        (
            "instruction",
            "会上安排部署了全旗禁毒工作和网格化管理工作。",
            "会后全旗推行网格化管理，划分网格80个。",
            "网格化管理",
        ),
        ("instruction", "要继续深化网格化管理，提升见警率。", "甲镇继续深化网格化管理。", "网格化管理"),
        (
            "instruction",
            "书记对心理咨询室的建设提出具体要求。",
            "镇里建成心理咨询室，对来访群众提出的诉求逐一回应。",
            "心理咨询室",
        ),
        (
            "instruction",
            "各地可从健全调解组织入手推广人民调解。",
            "各地人民调解组织全年调解纠纷百余件。",
            "人民调解",
        ),
        ("meeting", "派出所、综治中心负责人出席会议。", "甲镇综治中心接待群众。", "综治中心"),
        ("component", "甲镇整合派出所、综治中心等力量集中办公。", "甲镇建成综治中心。", "综治中心"),
        ("component", "将网格管理中心、信访接待中心整合纳入综治中心。", "甲县建成网格管理中心。", "网格管理"),
        ("component", "整合司法所、综治中心等力量。", "整合网格员等力量，建成综治中心。", "综治中心"),
        # one function among a centre's rooms or windows is the centre's work, not a programme
        (
            "component",
            "乙镇矛调中心开设接待来访、诉讼服务等窗口。",
            "乙镇领导每周到大厅接待来访。",
            "接待来访",
        ),
        ("component", "甲县信访接待大厅已整体进驻县矛调中心。", "甲县信访接待大厅全年受理诉求。", "信访接待"),
        # functions listed in 集…等功能于一体 are the platform's that follows, not programmes of their own
        (
            "component",
            "丙镇建起集信访接待、调解咨询等功能于一体的服务站。",
            "丙镇集中力量做好信访接待。",
            "信访接待",
        ),
        # the body after 与 is merged into the centre named first; the centre itself stays a practice
        (
            "component",
            "乙县将县综治中心与信访接待室相融合。",
            "乙县将信访接待室与便民大厅相融合。",
            "信访接待",
        ),
        (
            "component",
            "新落成的县矛调中心，集成信访接待、劳动仲裁等功能。",
            "新落成的县矛调中心旁，信访接待室全年受理诉求。",
            "信访接待",
        ),
        # a clause setting up a facility lists its rooms, windows or services, parts of that facility
        (
            "component",
            "庚镇便民大厅按“一厅多室”布局，设置信访接待、心理咨询等3个功能室。",
            "庚镇便民大厅按“一厅多室”布局，信访接待全年受理诉求40件。",
            "信访接待",
        ),
        (
            "component",
            "辛县新建的矛调中心，整合信访接待、法律问答、人民调解4类便民服务。",
            "辛县矛调中心建成后，信访接待量下降两成。",
            "信访接待",
        ),
        (
            "component",
            "壬区各街道综治中心融合了网格化管理、来访接待等职能。",
            "壬区各街道深化网格化管理，全年走访群众3万户。",
            "网格化管理",
        ),
        # centres gathered into one (集A中心、B中心于一体的X) are parts of that one
        (
            "component",
            "乙县建成集诉讼服务中心、矛盾纠纷调处中心于一体的社会治理中心。",
            "乙县建成矛盾纠纷调处中心，诉讼服务中心同步运行。",
            "矛盾纠纷调处中心",
        ),
        # the direct object of a visit verb is the visit's topic, neither the visitor's nor the host's
        (
            "visit",
            "甲县政法委调研“石榴红”调解品牌。",
            "甲县政法委打造“石榴红”调解品牌。",
            "石榴红",
        ),
        # a delegation after an opening date still looks at what follows
        (
            "visit",
            "5月8日上午，乙县考察团一行来到丙镇，了解“石榴红”调解品牌。",
            "5月8日上午，乙县组建“石榴红”调解品牌。",
            "石榴红",
        ),
        # one window for disputes is a dispute centre's intake, not the 放管服 reform of approvals
        (
            "component",
            "癸县矛调中心对群众诉求实行“一窗受理、分类流转”。",
            "癸县政务服务中心的审批事项实行“一窗受理”。",
            "一窗受理",
        ),
        ("policy", "总书记对枫桥经验作出重要指示。", "甲县深化枫桥经验。", "枫桥经验"),
        # a central document named as 中央关于…的意见 is national policy; a local 中央大街 is not
        (
            "policy",
            "中央关于加强平安建设的意见要求推行网格化管理。",
            "甲县中央大街社区推行网格化管理。",
            "网格化管理",
        ),
        ("meeting", "甲县召开网格化管理现场推进会。", "甲县召开会议后推行网格化管理。", "网格化管理"),
        # the holding verb after the meeting's name; a body that holds a meeting is still itself
        (
            "meeting",
            "全市平安创建工作现场推进会在甲县举行。",
            "甲县综治中心召开研判会议，部署平安创建。",
            "平安创建",
        ),
        ("visit", "干部赴外省学习考察枫桥经验。", "干部回村后推行枫桥经验。", "枫桥经验"),
        # 学习借鉴 with the practice as its direct object takes the model up at home
        (
            "visit",
            "甲县学习借鉴外地“枫桥经验”做法。",
            "甲县在治安治理中学习借鉴“枫桥经验”，矛盾不出村。",
            "枫桥经验",
        ),
        # the cue does not reach past a clause that opens with the return: that is work at home
        (
            "visit",
            "县委政法委组织干部赴外省学习考察，深入了解网格化管理。",
            "县委政法委组织干部赴外省学习考察，回来后全面推行网格化管理。",
            "网格化管理",
        ),
        ("visit", "省领导深入甲县综治中心调研。", "甲县综治中心接待群众调研诉求。", "综治中心"),
        ("visit", "省领导深入甲县综治中心调研和接访。", "甲县领导到信访大厅接访。", "接访"),
        (
            "visit",
            "考察组先后到甲市综治中心、乙区调解中心等地参观学习。",
            "到今年底，甲市综治中心已接待群众两千人次。",
            "综治中心",
        ),
        # the practice a visit looks at is the topic of the visit, not the host's or visitor's work
        (
            "visit",
            "省调研组来我县调研“枫桥经验”工作。",
            "以“枫桥经验”为引领，我县化解矛盾纠纷千余件。",
            "枫桥经验",
        ),
        ("award", "甲镇创成省“枫桥式”先进单位。", "甲镇创成平安村12个，推广枫桥式调解。", "枫桥式"),
        # the duties of a quoted role after a comma; a role that only ends the clause before does not
        (
            "component",
            "甲镇在各村选聘“法律明白人”，协助村委会开展普法宣传和矛盾排查。",
            "甲镇在各村选聘联户长，开展普法宣传进村入户。",
            "普法宣传",
        ),
        # work not done yet, or a lack, is no adoption
        ("negation", "丁镇至今尚未建立综治中心。", "丁镇去年建立综治中心。", "综治中心"),
        ("negation", "部分村缺乏专职网格员。", "各村配齐专职网格员。", "网格员"),
        # an honour does not reach a later clause that takes the unit up again (其, 该镇)
        (
            "award",
            "戊镇被评为全省综治中心示范镇，群众好评如潮。",
            "戊镇被评为全省平安乡镇，其综治中心实现实体化运行。",
            "综治中心",
        ),
        # a place named a pilot is set that work, not honoured for it
        ("award", "丙县被评为全省网格化管理示范县。", "丙县被确定为全省网格化管理试点县。", "网格化管理"),
        # 获得 a list of titles (…先进县、…示范县等荣誉): each title's category is an honour
        (
            "award",
            "乙县获得全省平安建设先进县、全省网格化管理示范县等荣誉。",
            "乙县推行网格化管理，获得群众普遍认可。",
            "网格化管理",
        ),
        # a practice a satisfaction survey rated is the survey's topic, not work reported
        (
            "award",
            "去年全省民调中，丁县反电诈宣传满意度为96.5%，位居全市第二。",
            "丁县开展反电诈宣传，群众满意度明显提升。",
            "反电诈宣传",
        ),
        ("award", "调查显示，群众对扫黑除恶工作的满意度达97%。", "丁县深化扫黑除恶，群众满意。", "扫黑除恶"),
        # an aim governs what follows it or shares its clause, not the work done before it
        (
            "plan",
            "甲县网格化管理力争年内覆盖全部村庄。",
            "甲县推行网格化管理，织密基层治理网络，力争小事不出村。",
            "网格化管理",
        ),
        ("plan", "甲县力争年内推行网格化管理。", "甲县推行网格化管理，力争年内全覆盖。", "网格化管理"),
        ("visit", "县委书记到甲镇督导网格化管理。", "甲镇做到网格化管理全覆盖。", "网格化管理"),
        (
            "visit",
            "通过对甲、乙两县的实践考察发现，其“院落会”模式值得推广。",
            "甲县经过考察，推行“院落会”模式。",
            "院落会",
        ),
        # a visiting delegation looks at what it is shown: no unit's work unless its owner is written
        (
            "visit",
            "外地观摩团一行实地察看了网格化服务管理工作。",
            "外地观摩团一行实地察看了甲镇网格化服务管理工作。",
            "网格化服务管理工作",
        ),
        (
            "visit",
            "乙县代表团听取了“三事分流”议事会的情况介绍。",
            "乙县代表团听取了甲村“三事分流”议事会的情况介绍。",
            "三事分流",
        ),
        ("background", "“枫桥经验”诞生于六十年前。", "“枫桥经验”在甲县落地生根。", "枫桥经验"),
        ("background", "诞生于甲镇的“枫桥经验”广为人知。", "甲镇的“枫桥经验”不断发展。", "枫桥经验"),
        # a practice its own clause calls wanting is a shortcoming; as a remedy's object it is work
        (
            "commentary",
            "戊县网格化管理仍不够精细。",
            "针对网格化管理不够精细的问题，戊县划小网格。",
            "网格化管理",
        ),
        (
            "commentary",
            "戊县在调解队伍建设方面还存在短板。",
            "戊县加强调解队伍建设，改变了力量不足的状况。",
            "调解队伍",
        ),
        # the origin told after a comma too
        ("background", "丁市推崇的枫桥经验，源于浙江一个小镇。", "丁市推广枫桥经验，成效明显。", "枫桥经验"),
        # what a facility was made from: the old hall's work is not the new centre's
        (
            "background",
            "甲镇调解中心由原信访接待室改造而成，共两层。",
            "甲镇调解中心设信访接待室，共两层。",
            "信访",
        ),
        ("background", "乙村利用闲置的警务室用房改建为议事厅。", "乙村建成警务室，配辅警两名。", "警务室"),
        # a past era and a verb of origin: history; work kept up since then is the unit's own
        (
            "background",
            "上世纪七十年代，乙镇干部群众在实践中创造了“乙镇经验”。",
            "上世纪九十年代以来，乙镇逐步形成了“乙镇经验”。",
            "乙镇经验",
        ),
        # a remark quoted from a resident or a visitor; the unit's own officer quoted is its report
        (
            "remark",
            "“过去找人评理要跑好几趟，如今楼下就有网格员”，乙社区居民赵大爷笑着说。",
            "“过去找人评理要跑好几趟，如今楼下就有网格员”，乙社区党委书记介绍。",
            "网格员",
        ),
        (
            "remark",
            "来访的考察人员表示：“我们县也在推综治中心，这回要好好取经。”",
            "甲镇镇长表示：“今年我们把综治中心建成了全镇的解纷平台。”",
            "综治中心",
        ),
        ("commentary", "推进综治中心建设应当立足实际。", "甲镇推进综治中心建设。", "综治中心"),
        # a sentence whose subject is only the practice and whose verb is 是 says what it is
        (
            "commentary",
            "网格员、护路员、信息员，是乡村里消息最灵通的人。",
            "甲镇网格员是第一个赶到现场的人。",
            "网格员",
        ),
        ("commentary", "网格化管理是基层治理的底座。", "网格员每天巡查是常态。", "网格"),
        # … unless what it is, is the writer's own unit's (我县, 全市, 该区)
        ("commentary", "综治中心是化解矛盾的主阵地。", "综治中心是全县化解矛盾的主阵地。", "综治中心"),
        ("commentary", "网格化管理是基层治理的底座。", "网格化管理是我区基层治理的底座。", "网格"),
        # … and the practice as what something is to it (…是“X”的精髓): a remark, unless a unit is the subject
        (
            "commentary",
            "把纠纷消除在萌芽阶段，是新时代“枫桥经验”的精髓。",
            "甲镇把纠纷消除在萌芽阶段，是新时代“枫桥经验”的生动实践。",
            "枫桥经验",
        ),
        ("commentary", "群众满意是网格化管理的落脚点。", "我镇群众满意是网格化管理的落脚点。", "网格化管理"),
        # 却 that turns to the better (如今却成了…) is no shortcoming
        (
            "commentary",
            "有的村设了网格员，群众却叫不出他们的名字。",
            "有的村过去纠纷不断，如今却成了无讼村，网格员天天上门走访。",
            "网格员",
        ),
        (
            "topic",
            "甲镇把宪法、扫黑除恶、禁毒等法律知识编成快板。",
            "甲镇开展扫黑除恶、禁毒宣传进村活动。",
            "扫黑除恶",
        ),
        ("topic", "老党员给村民讲解民法典和反诈知识。", "派出所民警给村民讲解反诈知识。", "反诈"),
        (
            "topic",
            "志愿者把禁毒、反诈、扫黑除恶等法律法规送进农家。",
            "甲镇派出所持续推进扫黑除恶常态化。",
            "扫黑除恶",
        ),
        # work listed as the duties of a keyed role (驻村辅警, 网格员) is that programme's work
        (
            "component",
            "网格员每天负责信息采集和矛盾调解，全年化解纠纷300余起。",
            "镇调委会全年化解纠纷300余起。",
            "化解纠纷",
        ),
        # items listed before 等“name” are the parts that named programme joins
        (
            "component",
            "推行法官巡回、律师值班、网格排查等“巡访联动”。",
            "推行法官巡回，网格排查每周两次。",
            "网格",
        ),
        # a field named only as ranked among others is no report of the work
        (
            "award",
            "全县禁毒工作、综治保险等工作位居全市前列。",
            "某镇推行综治保险，赔付时效位居全县前列。",
            "综治保险",
        ),
        # what a village code is made to say is its content, not work of its own
        ("topic", "某村把防溺水、反诈骗编入居民公约条文。", "某村民警走村入户开展反诈骗宣传。", "反诈骗"),
        # cases or courses on a list of subjects are what a class teaches, not work on each subject
        ("topic", "宣讲团用苗语讲述禁毒、反诈等案例。", "宣讲团深入村寨开展禁毒宣讲。", "禁毒"),
        (
            "commentary",
            "有些地方把网格切得过碎，网格员整天忙于报表，上门的时间反而少了。",
            "有的村把网格员编进巡逻队，每晚轮流巡查。",
            "网格员",
        ),
        (
            "commentary",
            "一些乡镇综治中心只挂牌子，群众却找不到门。",
            "一些乡镇综治中心实行错时接待。",
            "综治中心",
        ),
        (
            "commentary",
            "有的社区推行网格化管理，却流于形式。",
            "有的村把网格员编进巡逻队，弥补了夜间巡防力量不足的问题。",
            "网格",
        ),
        (
            "commentary",
            "个别乡镇的调解工作不到位。",
            "一些乡镇针对调解力量薄弱的情况，组建了“老娘舅”调解队。",
            "调解",
        ),
        # a practice said to have become a topic or task is a remark; one said to have become a
        # unit's platform reports the unit's work
        (
            "commentary",
            "如何用好网格化管理，已成为城乡治理绕不开的新课题。",
            "丙镇的网格化管理已成为排查隐患的有力手段。",
            "网格化管理",
        ),
        # a central meeting's quoted words; a county's own meeting that sets work up stays
        (
            "policy",
            "中央城市工作会议强调“推进网格化管理”，为城市治理指明方向。",
            "丁县召开专题会议后，全县推进网格化管理。",
            "网格化管理",
        ),
        # a list of units closed by a head count of those who came: who took part
        (
            "meeting",
            "区司法局、区综治中心、各街道负责同志等20名同志参加观摩。",
            "区综治中心组织各街道负责同志等20名同志参加培训。",
            "综治中心",
        ),
        # a ranking stated with no verb, the scope right before it
        ("award", "甲区禁毒工作成效全市前列。", "甲区禁毒工作成效明显。", "禁毒"),
        # the topic of a study trip to another county
        (
            "visit",
            "戊县政法干部赴己县开展综治中心建设学习交流活动。",
            "戊县政法干部在县综治中心开展学习交流活动。",
            "综治中心",
        ),
    ],
)
def test_cue_fires_and_does_not_fire(reason: str, mention: str, adoption: str, practice: str) -> None:
    assert _cls(mention, practice) == reason
    assert _cls(adoption, practice) is None


def test_a_mention_is_kept_as_a_non_adoption_with_its_cue() -> None:
    text = "包头市2031年平安建设工作情况\n包头市推行网格化管理。市委政法委负责同志指出，要坚持枫桥经验。"
    ex = extract(from_text(text, "mentions-test.txt"))
    assert {a.practice_key for a in ex.adoptions} == {"grid"}
    (kept,) = [n for n in ex.non_adoptions if n.practice_key == "fengqiao"]
    assert kept.reason == "instruction" and "指出" in kept.cue
    assert text[kept.evidence.offset :].startswith(kept.evidence.sentence)


def test_people_pooled_as_forces_are_the_regions_own_work() -> None:
    assert _cls("整合村警、网格员等资源力量开展巡查。", "网格员") is None


def test_cues_are_looked_for_in_a_bounded_window() -> None:
    # a long clause of 将 with a practice deep inside: the pooled-into cue is not searched
    # across the whole sentence for every practice it names
    sentence = "将" * 5000 + "综治中心" + "乙" * 5000
    start = sentence.index("综治中心")
    assert classify(sentence, start, start + 4) is None
    near = "将派出所、综治中心整合纳入网格中心。"
    start = near.index("综治中心")
    cue = classify(near, start, start + 4)
    assert cue is not None and cue.reason == "component"


def test_a_clause_opening_with_a_modal_continues_a_speechs_instructions() -> None:
    # the sentence after 县长强调，要… goes on with the list: 要 opening a clause, and the clauses after it
    said = "落实领导包案制度，要坚持和发展“枫桥经验”，完善网格化管理，确保矛盾不上交。"
    assert _cls(said, "枫桥经验") == "instruction"
    assert _cls(said, "网格化管理") == "instruction"
    # 要求, 要素 and a 要 inside a word open no instruction; work done before the modal stays work
    assert _cls("全镇推行网格化管理，要求网格员每日巡查。", "网格化管理") is None
    assert _cls("该县完善网格化管理，要素保障到位，主要做法是划小网格。", "网格化管理") is None
    assert _cls("全镇推行网格化管理，需要时由网格员上门。", "网格化管理") is None
    text = (
        "临河区召开政法工作会议\n"
        "区委书记强调，要压实维稳责任。落实重大案件周研判，要坚持和发展“枫桥经验”，完善网格化管理。\n"
        "一年来，临河区全面推行网格化管理。"
    )
    ex = extract(from_text(text, "test.txt"))
    evidence = {a.practice_key: a.evidence.sentence for a in ex.adoptions}
    assert "fengqiao" not in evidence
    assert evidence["grid"].startswith("一年来")


def test_figures_of_a_plan_or_after_an_aim_are_targets() -> None:
    assert targets_from("下一步，计划新建平安驿站12个。") == 0
    aim = "全年查处涉毒案件41起，明年力争破案数上升20%。"
    at = targets_from(aim)
    assert at is not None and aim.index("41") < at < aim.index("20%")
    assert targets_from("全年查处涉毒案件41起。") is None
    # a floor, a named target or a demand on every unit sets levels; 按要求 complied with does not
    floor = "全年调解纠纷260件，各村调解成功率不低于95%。"
    at = targets_from(floor)
    assert at is not None and floor.index("260") < at < floor.index("95%")
    assert targets_from("县里要求各村配齐网格员3名。") == 2
    assert targets_from("按照上级要求，全年建成调解室14个。") is None
    # 计划 before a verb of building or spending is a plan; 按计划 is work done on schedule
    assert targets_from("乙县计划新建调解室8个。") == 0
    assert targets_from("乙县按计划建成调解室8个。") is None


def test_a_plans_figures_give_no_measurements() -> None:
    ex = extract(from_text("湄潭县全年破获盗窃案件88起，今年力争破案数再上升15%。", "plan.txt"))
    assert [m.value for m in ex.measurements] == [88.0]


def test_will_before_a_verb_of_work_is_a_plan() -> None:
    cue = _cls("今年，县禁毒委将推动禁毒宣传进校园。", "禁毒")
    assert cue == "plan"
    # the disposal 将 takes a noun: the sentence reports work done
    assert _cls("县禁毒委将禁毒宣传纳入网格员职责。", "禁毒") is None
    assert _cls("镇里将组织关系转入社区后推行网格化管理。", "网格化管理") is None


def test_a_practice_only_in_the_title_of_a_document_studied_is_its_topic() -> None:
    # 传达学习《…》: the document relayed names its topic; no one is said to have done it
    studied = "会上传达学习了《关于深化网格化管理的指导意见》和《乙州综治中心建设指引》。"
    assert _cls(studied, "综治中心") == "policy"
    assert _cls(studied, "网格化管理") == "policy"
    # a body issuing its own plan, or naming the practice outside the title, is not covered
    assert _cls("县委政法委印发《全县综治中心建设实施方案》,推动中心实体运转。", "综治中心") is None
    assert _cls("镇里学习借鉴网格化管理做法,编印《网格员工作手册》。", "网格化管理") is None


def test_a_delegation_named_as_the_object_is_no_visit_verb() -> None:
    # 考察团, 调研组 name visitors: the host presenting its own practice to them reports its work
    assert _cls("甲区向来访的考察团介绍了本区网格化管理的做法和成效。", "网格化管理") is None
    assert _cls("乙镇为前来交流的调研组展示了综治中心运行情况。", "综治中心") is None
    # a visit verb whose object is the practice still marks the topic of the visit
    assert _cls("省调研组来我县调研网格化管理工作。", "网格化管理") == "visit"
    assert _cls("市督导组到丙街道督导网格化管理。", "网格化管理") == "visit"


def test_a_way_of_working_said_to_fall_short_or_a_need_is_no_work_done() -> None:
    fell_short = "以往分散的网格化管理方式已经难以适应基层治理的新要求。"
    assert _cls(fell_short, "网格化管理") == "commentary"
    needed = "为满足群众矛盾纠纷化解的需求，甲县新建调解中心。"
    assert _cls(needed, "矛盾纠纷化解") == "commentary"
    # the same practice reported as done, or a need met by it, stays work
    assert _cls("甲县推行网格化管理，难题得到解决。", "网格化管理") is None
    assert _cls("甲县推行网格化管理，满足了群众的需求。", "网格化管理") is None


def test_a_clause_giving_what_an_honour_came_from_reports_the_work() -> None:
    # 获得…称号，这是/得益于…: the cause of the honour is the unit's own work, no award of it
    won = "乙镇先后获得全省百强镇等称号,这是乙镇深挖本地文化,推出调解品牌“和风桥”的成效。"
    assert _cls(won, "和风桥") is None
    thanks = "丙村获评省级民主法治村,得益于村里长期推行网格化管理。"
    assert _cls(thanks, "网格化管理") is None
    # with no such clause the award still covers the practice it names
    assert _cls("丙村获评省级民主法治村,村里长期推行网格化管理。", "网格化管理") == "award"


def test_a_list_of_topics_after_a_visit_verb_is_still_what_the_visit_looks_at() -> None:
    # 到乙县考察交流A、B等工作: the visitors study both topics; neither is their own work
    visit = "甲县政法委书记带队到乙县考察交流平安建设、县级综治中心运行等工作。"
    assert _cls(visit, "综治中心") == "visit"
    # the host telling of its own centre is its work
    assert _cls("乙县介绍了本县综治中心日常运行的做法。", "综治中心") is None


def test_a_practice_naming_an_institute_an_index_or_a_forum_is_no_adoption() -> None:
    # 某大学枫桥经验研究院, “枫桥经验”指数: names of a body or a publication
    assert _cls("某大学枫桥经验研究院今天发布年度报告。", "枫桥经验") == "media"
    assert _cls("丁县在“枫桥经验”指数中排名靠前。", "枫桥经验") == "media"
    # the practice itself, carried out, stays an adoption
    assert _cls("丁县坚持和发展“枫桥经验”。", "枫桥经验") is None


def test_a_term_naming_a_ceremony_of_honours_is_no_adoption() -> None:
    # the ceremony is named by the term (…平安创建表彰大会): an award, not the unit's creation work
    assert _cls("东乡县亮相全市平安创建表彰会", "平安创建") == "award"
    assert _cls("在全市平安创建暨综治工作表彰大会上,东乡县获评平安县", "平安创建") == "award"
    # at a meeting named by the term, without honours: the meeting, not the work
    assert _cls("东乡县在全市平安创建推进会上作交流发言", "平安创建") == "meeting"


def test_a_mediation_method_word_gives_the_mediation_key() -> None:
    text = "东乡县石门镇推行“三心”化解法。"
    found = {a.practice_key for a in extract(from_text(text, source="x.txt")).adoptions}
    assert "diversified_resolution" in found


def test_a_first_person_remark_quoted_whole_is_not_the_subjects_work() -> None:
    # “…我们…。”红旗村村民李某说: the speaker comes in the next sentence; the remark is not resolved
    s = "“自从村里成立了义警巡逻队，我们晚上也敢出门遛弯了。”"
    i = s.index("义警")
    cue = classify(s, i, i + 2)
    assert cue is not None and cue.reason == "remark"
    # 我市 in a quoted official statement names the report's own unit and stays its work
    s = "“我市全面推行网格化管理，成效明显。”"
    i = s.index("网格化管理")
    assert classify(s, i, i + 5) is None


def test_a_wish_for_closer_ties_is_no_adoption() -> None:
    # 希望/期待/愿 … 加强交流合作: what two sides hope to do together, not work either has done
    assert _cls("东乡县代表团希望两县在扫黑除恶方面加强交流合作", "扫黑除恶") == "plan"
    assert _cls("东乡县愿与兄弟县在网格化管理上深化协作", "网格化管理") == "plan"
    # 志愿 holds 愿 as no verb: volunteers' work stays an adoption
    assert _cls("东乡县组织志愿者开展扫黑除恶宣传，加强警民合作", "扫黑除恶") is None


def test_an_honour_received_with_its_giver_is_no_adoption() -> None:
    # 获某部命名…称号: the title is an award, as with 被…命名为; 破获 is work on cases
    assert _cls("石门镇派出所获公安部命名“枫桥式公安派出所”称号", "枫桥式公安派出所") == "award"
    assert _cls("东乡县公安局破获命名为“雷霆”的扫黑除恶案件", "扫黑除恶") is None


def test_a_hope_that_a_body_go_on_with_the_work_is_an_instruction() -> None:
    # 某常委会希望县法院今后继续加强…: asked of the body, not reported as done
    assert _cls("东乡县人大常委会希望县法院今后继续深化诉源治理", "诉源治理") == "instruction"
    # the people's hope (群众的希望) is no one's request
    assert _cls("东乡县回应群众的希望，今后继续深化诉源治理", "诉源治理") != "instruction"
