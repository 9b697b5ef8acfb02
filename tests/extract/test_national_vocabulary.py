"""Short and alternative forms of national mechanisms, kinds and roles (sentences written for these tests)."""

from __future__ import annotations

import pytest
from extract_helpers import entities

HEAD = "青石镇2023年法治政府建设情况报告\n"


def _mechanisms(extract, sentence: str) -> dict[str, str]:
    """Vocabulary mechanisms found: name -> category."""
    return {e.name: e.category for e in entities(extract(HEAD + sentence, "v.txt"), "Mechanism") if e.canonical}


# The ontology's mechanisms are named exactly; another national one as written.
@pytest.mark.parametrize(("sentence", "name", "category"), [
    ("全面推行“双随机”抽查，抽查企业12家。", "双随机一公开", "enforcement"),
    ("对市场主体落实轻微免罚。", "首违不罚", "enforcement"),
    ("对新业态坚持包容审慎。", "包容审慎", "enforcement"),
    ("执法公示、全过程记录和法制审核全面落实。", "行政执法公示制度", "enforcement"),
    ("推行“双公示”制度，信息及时上网。", "双公示", "enforcement"),
    ("困难群众法律援助做到应援尽援。", "应援尽援", "legal-advice"),
    ("深入开展减证便民行动，取消证明材料4项。", "减证便民行动", "service"),
    ("推动实质性化解行政争议。", "实质性化解行政争议", "dispute-resolution"),
    ("组织新进人员参加行政执法资格考试。", "行政执法资格考试", "enforcement"),
    ("落实信访工作责任制，化解积案3件。", "信访工作责任制", "dispute-resolution"),
    ("推进村级事务阳光工程，公开事项全部上墙。", "村级事务阳光工程", "grid-governance"),
    ("派出所与司法所建立警调联动，就地化解纠纷。", "警调对接", "dispute-resolution"),
    ("依法办理信访复查复核申请2件。", "信访复查复核", "dispute-resolution"),
    ("推行乡镇（街道）综合执法，一支队伍管到底。", "综合行政执法改革", "enforcement"),
    ("召开信访工作联席会议制度专题会议2次。", "信访工作联席会议", "dispute-resolution"),
    ("落实领导干部定期接访制度，接待群众20批次。", "领导干部定期接访", "dispute-resolution"),
    ("推行信访事项简易办理，当场答复诉求40件。", "信访事项简易办理", "dispute-resolution"),
    ("社区推行网格吹哨、部门报到，问题就地解决。", "网格吹哨、部门报到", "grid-governance"),
    ("决策严格履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定程序。", "重大行政决策程序", "decision-making"),
    ("推进社会治安综合治理中心规范化建设。", "社会治安综合治理中心规范化建设", "grid-governance"),
    ("信访事项办理做到“三到位一处理”。", "三到位一处理", "dispute-resolution"),
    ("推行行政复议案件繁简分流，适用简易程序审结8件。", "行政复议案件繁简分流", "dispute-resolution"),
    ("镇综治中心实行一站式受理、一揽子调处、全链条解决。", "一站式受理、一揽子调处、全链条解决", "dispute-resolution"),
])
def test_a_short_or_working_form_names_the_national_mechanism(extract, sentence, name, category):
    assert _mechanisms(extract, sentence).get(name) == category


def test_kinds_written_as_the_reforms_name_them(extract):
    rec = extract(HEAD + "镇村务监督委员会全程参与。县行政复议局受理案件5件，县非诉讼纠纷化解中心调处纠纷40件。", "k.txt")
    kinds = {e.kind for e in entities(rec) if e.type in ("Body", "Center")}
    assert {"村务监督委员会", "行政复议机构", "非诉讼服务中心"} <= kinds


def test_roles_of_review_and_auxiliary_enforcement(extract):
    rec = extract(HEAD + "配备2名行政复议人员、6名执法辅助人员。", "r.txt")
    roles = {e.role: e for e in entities(rec, "Actor")}
    assert roles["行政复议人员"].count == 2
    assert roles["行政执法辅助人员"].count == 6
