"""Post rules (kg/mentions/posts.py) on made-up sentences with made-up names."""

from kg.articles import parse_page
from kg.mentions import PERSON
from kg.mentions.mention import mention_at
from kg.mentions.posts import role_word, roles_after, roles_before, sentence_posts, title_after
from kg.source import read_source


def before(text, name, others=()):
    taken = frozenset(i for o in others for i in range(text.index(o), text.index(o) + len(o)))
    return [text[s:e] for s, e in roles_before(text, text.index(name), taken)]


def after(text, name, others=()):
    taken = frozenset(i for o in others for i in range(text.index(o), text.index(o) + len(o)))
    return [text[s:e] for s, e in roles_after(text, text.index(name) + len(name), taken)]


def posts_of(tmp_path, text, names):
    """The posts sentence_posts gives the one-sentence page `text` whose persons are `names`."""
    path = tmp_path / "page.txt"
    path.write_text(text + "\n", encoding="utf-8")
    page = parse_page(read_source(path))
    [sentence] = page.sentences
    text = sentence.text
    people = [(text.index(n), text.index(n) + len(n)) for n in names]
    mentions = [(s, e, mention_at(page, sentence, 0, s, e, PERSON)) for s, e in people]
    return {(p.person.text, p.role) for p in sentence_posts(page, sentence, 0, mentions)[0]}


def test_occupations_and_reporters_are_roles():
    assert before("快递员张小明一早出发。", "张小明") == ["快递员"]
    assert before("（本报记者刘一鸣）", "刘一鸣") == ["本报记者"]
    assert before("青山市公安局民警赵东来说", "赵东来") == ["青山市公安局民警"]
    assert role_word("青山机械厂工作人员") == "工作人员"


def test_a_role_parted_from_its_name_by_spaces():
    assert before("青山日报社副总编辑  王明远", "王明远") == ["青山日报社副总编辑"]


def test_a_role_reads_through_quoted_words_and_brackets_of_a_body():
    text = "青山市委常委、青山高新区（开发区）党工委书记赵立军表示"
    assert before(text, "赵立军") == ["青山市委常委", "青山高新区（开发区）党工委书记"]
    assert before("自治区“绿水行动”工作组组长李建华说", "李建华") == ["自治区“绿水行动”工作组组长"]
    # a quoted epithet that opens the words is not part of the role, nor is a quotation
    assert before("辅导孩子的“护林老人”青山村村民王大山", "王大山") == ["青山村村民"]
    assert before("“我们回来了”，市长王大山说", "王大山") == ["市长"]


def test_he_joins_fields_of_a_body_but_not_two_people():
    assert before("青山市文化和旅游局局长周明说", "周明") == ["青山市文化和旅游局局长"]
    assert before("王大明主席和李小刚总统会谈", "李小刚", ["王大明"]) == []


def test_two_roles_joined_by_jian_and_each_role_counted_on_its_own():
    assert before("青山市副市长兼公安局局长孙立新说", "孙立新") == ["青山市副市长", "公安局局长"]
    text = "青山市委组织部副部长兼市委老干部局局长、市离退休干部党工委书记钱永平说"
    assert before(text, "钱永平") == ["青山市委组织部副部长", "市委老干部局局长", "市离退休干部党工委书记"]


def test_a_title_after_the_name_where_jieba_ends_the_word():
    text = "张立新局长深情回忆"
    assert text[slice(*title_after(text, 3))] == "局长"
    assert title_after("王立新代表全体职工发言", 3) is None  # 代表 the verb


def test_roles_in_apposition_and_after_shi():
    assert after("王立新，青山机械有限公司董事长，多年来", "王立新") == ["青山机械有限公司董事长"]
    assert after("赵小川是青山村党支部书记。", "赵小川") == ["青山村党支部书记"]
    assert after("周海燕，青山大学教授、青山研究院院长。", "周海燕") == ["青山大学教授", "青山研究院院长"]
    assert after("孙立新，市长说", "孙立新") == []
    # the roles of the clause belong to the next person named in it
    assert after("李强国，青山市委副书记、市长钱永平", "李强国", ["钱永平"]) == []


def test_sentence_posts_read_apposition_and_the_roles_after_a_name(tmp_path):
    posts = posts_of(tmp_path, "王立新，青山机械有限公司董事长，多年来扎根山区。", ["王立新"])
    assert posts == {("王立新", "青山机械有限公司董事长")}
    assert posts_of(tmp_path, "张立新局长深情回忆。", ["张立新"]) == {("张立新", "局长")}


def test_a_role_starts_on_the_line_of_its_name(tmp_path):
    # the parser runs a heading without a full stop into the next line's sentence
    page = "　　●今年完成全年目标任务，为明年打下坚实基础\n　　国务院总理王立新22日作报告。"
    assert posts_of(tmp_path, page, ["王立新"]) == {("王立新", "国务院总理")}


def test_a_role_never_reaches_back_over_a_verb_of_the_clause():
    assert before("他们来到种植户王大山家中", "王大山") == ["种植户"]
    assert before("随着审判长李建华敲响法槌", "李建华") == ["审判长"]


def test_one_role_before_a_list_of_names_is_each_ones(tmp_path):
    posts = posts_of(tmp_path, "副市长王立新、刘明远出席会议。", ["王立新", "刘明远"])
    assert posts == {("王立新", "副市长"), ("刘明远", "副市长")}
    posts = posts_of(tmp_path, "青山日报记者 孙海燕 周晓川走进青山村。", ["孙海燕", "周晓川"])
    assert posts == {("孙海燕", "青山日报记者"), ("周晓川", "青山日报记者")}
    # a name the recognizers missed still parts two names of the list; a longer item ends it
    posts = posts_of(tmp_path, "（本报记者王立新、欧阳明、刘明远）", ["王立新", "刘明远"])
    assert ("刘明远", "本报记者") in posts
    posts = posts_of(tmp_path, "副市长王立新、青山市教育发展中心、刘明远出席。", ["王立新", "刘明远"])
    assert posts == {("王立新", "副市长")}
    # a name with a role of its own, before or after it, holds that one only
    posts = posts_of(tmp_path, "市委书记王立新、市长刘明远出席会议。", ["王立新", "刘明远"])
    assert posts == {("王立新", "市委书记"), ("刘明远", "市长")}
    posts = posts_of(tmp_path, "青山集团董事长王立新、刘明远总经理出席。", ["王立新", "刘明远"])
    assert posts == {("王立新", "青山集团董事长"), ("刘明远", "总经理")}
