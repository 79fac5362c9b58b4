"""Synthetic articles in the genre, for load tests: seeded, so the same seed gives the same files.

Each article is drawn from the gazetteers (real provinces; family names, roles, organizations,
sectors) and from the phrasing of the team's development corpus: working sessions, plenums,
council sessions with budgets, voter meetings and appointments; titles before and after names;
``Các đồng chí: …; … đồng chủ trì``; indicators ``x/y`` and ``%``; costs in ``tỷ đồng``; proposals
after ``kiến nghị … như:``; documents ``Kết luận số …``. The persons, districts and communes are
invented (no list of real districts ships with kg); a district name belongs to one province only.
Articles are 1,000–2,000 characters.

Article ``i`` of seed ``s`` depends only on ``(s, i)``: a corpus of 100 is the first 100 of 10,000.

    paths = write_corpus(1000, Path("/tmp/corpus"), seed=7)
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.gazetteers import family_names, provinces

MIN_CHARS = 1000
MAX_CHARS = 2000

# Invented names: the pools only need to look like the genre; none is a real person or place.
MIDDLE_NAMES_MALE = ("Văn", "Đức", "Minh", "Quốc", "Hữu", "Đình", "Công", "Xuân", "Thanh", "Ngọc", "Trọng")
MIDDLE_NAMES_FEMALE = ("Thị", "Thị Thanh", "Thị Kim", "Thị Hồng", "Thị Lan", "Thị Minh")
GIVEN_NAMES = (
    "An", "Bình", "Chinh", "Cường", "Dũng", "Duy", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa",
    "Hùng", "Hương", "Khải", "Khoa", "Lâm", "Linh", "Long", "Mai", "Nam", "Nga", "Nghĩa", "Phong", "Phúc",
    "Quang", "Sơn", "Tâm", "Thắng", "Thanh", "Thảo", "Thuận", "Tiến", "Trung", "Tuấn", "Vinh", "Xuyến",
)
PLACE_SYLLABLES = (
    "Bình", "Yên", "Phú", "Tân", "Lạc", "Sơn", "Hòa", "Minh", "Đông", "Tây", "Thạch", "Quảng", "Vĩnh",
    "Phước", "Thuận", "Lương", "Mỹ", "Hưng", "Cẩm", "Khánh", "Long", "Thái", "Hà", "Nghĩa",
)
SOURCE_SHORT = "syn"
PROVINCIAL_SECTORS = ("Tài chính", "Kế hoạch và Đầu tư", "Giao thông vận tải", "Xây dựng", "Nội vụ")

PROVINCE_TITLES = (
    "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh",
    "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh",
    "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh",
    "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy",
    "Phó Chủ tịch HĐND tỉnh",
    "Chủ nhiệm UBKT Tỉnh ủy",
    "Phó Trưởng đoàn chuyên trách Đoàn ĐBQH tỉnh",
)
GOALS = (
    "nắm tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh",
    "đánh giá kết quả thực hiện Nghị quyết Đại hội Đảng bộ nhiệm kỳ 2020 - 2025",
    "bàn giải pháp đẩy nhanh tiến độ giải ngân vốn đầu tư công",
    "rà soát công tác chuẩn bị đại hội đảng bộ các cấp",
)
PROJECTS = (
    "khắc phục các điểm sạt lở đất tại {commune}",
    "nâng cấp tuyến đường từ trung tâm huyện vào {commune}",
    "xây dựng bổ sung phòng học cho Trường THCS {name}",
    "giải phóng mặt bằng khu tái định cư tại {commune}",
    "xây dựng kè chống sạt lở bờ sông tại {commune}",
    "đầu tư hệ thống cấp nước sinh hoạt cho {commune}",
)
INDICATOR_PHRASES = (
    "{district} đã có {x}/{y} chỉ tiêu chủ yếu đạt và vượt so với Nghị quyết Đại hội đề ra",
    "toàn tỉnh đã giải ngân {money} tỷ đồng, đạt {pct}% kế hoạch vốn được giao",
    "tỷ lệ hộ nghèo theo chuẩn đa chiều của huyện còn {pct}%",
    "thu ngân sách nhà nước trên địa bàn đạt {money} tỷ đồng, đạt {pct}% dự toán",
    "tốc độ tăng trưởng kinh tế (GRDP) của tỉnh ước đạt {small}%",
)
ISSUERS = (
    ("KL/TW", "Bộ Chính trị"),
    ("KL/TW", "Ban Chấp hành Trung ương Đảng"),
    ("NQ/TW", "Bộ Chính trị"),
)


@dataclass(frozen=True)
class Person:
    """An invented person."""

    name: str
    female: bool

    @property
    def honorific(self) -> str:
        return "bà" if self.female else "ông"


@dataclass(frozen=True)
class Scene:
    """What one article is about: where, when, who."""

    province: str
    district: str
    communes: tuple[str, ...]
    day: int
    month: int
    year: int
    leaders: tuple[Person, ...]
    others: tuple[Person, ...]


def synth_article(index: int, *, seed: int = 0) -> tuple[str, str]:
    """Article ``index`` of the corpus of ``seed``: its id and the full file text (front matter + text)."""
    rng = random.Random(f"kg-synth:{seed}:{index}")
    scene = _scene(rng)
    kind_name, write_body = rng.choice(KINDS)
    article_id = f"{SOURCE_SHORT}{seed}-{index:06d}-{kind_name}"
    published = f"{scene.year}-{scene.month:02d}-{min(scene.day + 1, 28):02d}"
    front_matter = (
        f'+++\nid = "{article_id}"\nsource = "Báo {scene.province}"\npublished = "{published}"\n'
        f'province = "{scene.province}"\n+++\n'
    )
    return article_id, front_matter + _fit(rng, write_body(rng, scene)) + "\n"


def write_corpus(count: int, out_dir: Path, *, seed: int = 0) -> list[Path]:
    """Write ``count`` articles as ``out_dir/<id>.txt``; return their paths in order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        article_id, text = synth_article(index, seed=seed)
        path = out_dir / f"{article_id}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _scene(rng: random.Random) -> Scene:
    province = rng.choice(sorted(name for name, level in provinces().items() if level == "tỉnh"))
    people = _persons(rng, 6)
    return Scene(
        province=province,
        district=rng.choice(_districts()[province]),
        communes=tuple(_place_name(rng) for _ in range(3)),
        day=rng.randint(1, 27),
        month=rng.randint(1, 12),
        year=rng.choice((2023, 2024)),
        leaders=people[:3],
        others=people[3:],
    )


def _persons(rng: random.Random, count: int) -> tuple[Person, ...]:
    families = sorted(family_names())
    persons: list[Person] = []
    while len(persons) < count:
        female = rng.random() < 0.3
        middle = rng.choice(MIDDLE_NAMES_FEMALE if female else MIDDLE_NAMES_MALE)
        person = Person(f"{rng.choice(families)} {middle} {rng.choice(GIVEN_NAMES)}", female)
        if all(person.name != other.name for other in persons):
            persons.append(person)
    return tuple(persons)


@functools.cache
def _districts() -> dict[str, tuple[str, ...]]:
    """Eight invented districts per province, no name in two provinces.

    kg mints the IRI of a district's organizations (``Huyện ủy X``) from the district's name alone, so
    one name in two provinces would be read as one body with two jurisdictions.
    """
    names = [f"{first} {second}" for first in PLACE_SYLLABLES for second in PLACE_SYLLABLES if first != second]
    random.Random("kg-synth:districts").shuffle(names)
    return {province: tuple(names[8 * n:8 * n + 8]) for n, province in enumerate(sorted(provinces()))}


def _place_name(rng: random.Random) -> str:
    first, second = rng.sample(PLACE_SYLLABLES, 2)
    return f"{first} {second}"


def _date(rng: random.Random, scene: Scene) -> str:
    part = rng.choice(("Sáng", "Chiều", "Ngày"))
    return rng.choice((
        f"{part} {scene.day}/{scene.month}",
        f"{part} {scene.day}-{scene.month}-{scene.year}",
        f"Ngày {scene.day} tháng {scene.month} năm {scene.year}",
    ))


def _money(rng: random.Random) -> str:
    whole = rng.choice((rng.randint(2, 95), rng.randint(100, 999), rng.randint(1000, 4999)))
    text = f"{whole:,}".replace(",", ".")
    return text if rng.random() < 0.5 else f"{text},{rng.randint(1, 9)}"


def _percent(rng: random.Random, low: int = 40, high: int = 99) -> str:
    return f"{rng.randint(low, high)},{rng.randint(1, 9)}"


def _co_chairs(scene: Scene) -> str:
    secretary, deputy, chair = scene.leaders
    return (
        f"Các đồng chí: {secretary.name}, Ủy viên BCH Trung ương Đảng, Bí thư Tỉnh ủy; "
        f"{deputy.name}, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh; "
        f"{chair.name}, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh đồng chủ trì"
    )


def _attendee(rng: random.Random, person: Person, title: str) -> str:
    return rng.choice((
        f"đồng chí {person.name}, {title}",
        f"đồng chí {person.name} - {title}",
        f"{person.honorific} {person.name}, {title}",
    ))


def _indicators(rng: random.Random, scene: Scene, count: int) -> str:
    """``count`` indicator sentences, to follow an introduction ending with a comma."""
    sentences: list[str] = []
    for phrase in rng.sample(INDICATOR_PHRASES, count):
        y = rng.randint(12, 60)
        sentence = phrase.format(
            district=f"huyện {scene.district}", x=rng.randint(y // 2, y), y=y, money=_money(rng),
            pct=_percent(rng), small=_percent(rng, 5, 9),
        )
        sentences.append((sentence[0].upper() + sentence[1:] if sentences else sentence) + ".")
    return " ".join(sentences)


def _proposals(rng: random.Random, scene: Scene, proposer: str, addressee: str) -> str:
    items = []
    for commune in rng.sample(scene.communes, 2):
        project = rng.choice(PROJECTS).format(commune=f"xã {commune}", name=commune)
        verb = rng.choice(("hỗ trợ kinh phí khoảng", "bố trí hơn", "bố trí bổ sung"))
        items.append(f"{verb} {_money(rng)} tỷ đồng để {project}")
    return f"Tại buổi làm việc, {proposer} kiến nghị {addressee} xem xét một số nội dung như: {'; '.join(items)}."


def _document(rng: random.Random) -> str:
    """A cited party document; its date and issuer follow from its number, as for a real document."""
    number = rng.randint(10, 99)
    suffix, issuer = ISSUERS[number % len(ISSUERS)]
    kind = "Kết luận" if suffix.startswith("KL") else "Nghị quyết"
    return f"{kind} số {number}-{suffix} ngày {number % 28 + 1}/{number % 12 + 1}/{2019 + number % 4} của {issuer}"


def _working_session(rng: random.Random, scene: Scene) -> list[str]:
    secretary = scene.leaders[0]
    district_secretary, *_ = scene.others
    return [
        f"{_date(rng, scene)}, Ban Thường vụ Tỉnh ủy {scene.province} làm việc với Ban Thường vụ Huyện ủy "
        f"{scene.district} để {rng.choice(GOALS)} trên địa bàn huyện.",
        f"{_co_chairs(scene)} buổi làm việc.",
        f"Theo báo cáo do {_attendee(rng, district_secretary, f'Bí thư Huyện ủy {scene.district}')} trình bày, "
        + _indicators(rng, scene, 2),
        _proposals(rng, scene, f"huyện {scene.district}", "tỉnh"),
        f"Kết luận buổi làm việc, đồng chí {secretary.name}, Bí thư Tỉnh ủy yêu cầu huyện thực hiện nghiêm "
        f"{_document(rng)}, tập trung lãnh đạo hoàn thành các chỉ tiêu còn lại.",
    ]


def _plenum(rng: random.Random, scene: Scene) -> list[str]:
    secretary = scene.leaders[0]
    reporter = scene.others[0]
    return [
        f"{_date(rng, scene)}, Ban Chấp hành Đảng bộ tỉnh {scene.province} tổ chức Hội nghị Ban Chấp hành "
        f"Đảng bộ tỉnh lần thứ {rng.randint(10, 25)} để đánh giá kết quả 6 tháng đầu năm {scene.year}.",
        f"{_co_chairs(scene)} hội nghị.",
        "Theo báo cáo tại hội nghị, " + _indicators(rng, scene, 2),
        f"Hội nghị đã nghe {_attendee(rng, reporter, rng.choice(PROVINCE_TITLES))} báo cáo kết quả công tác "
        f"kiểm tra, giám sát; thống nhất tiếp tục thực hiện nghiêm {_document(rng)}.",
        f"Phát biểu bế mạc hội nghị, đồng chí {secretary.name}, Bí thư Tỉnh ủy yêu cầu các cấp ủy bám sát "
        "mục tiêu đã đề ra.",
    ]


def _council_session(rng: random.Random, scene: Scene) -> list[str]:
    chair, vice = scene.leaders[1], scene.others[0]
    presenter, examiner = scene.others[1], scene.others[2]
    number = rng.randint(10, 30)
    return [
        f"{_date(rng, scene)}, kỳ họp thứ {number}, HĐND tỉnh {scene.province} khoá X đã khai mạc nhằm xem xét, "
        "quyết định một số nội dung về đầu tư công.",
        f"{chair.honorific.capitalize()} {chair.name}, Phó Bí thư Tỉnh uỷ, Chủ tịch HĐND tỉnh và "
        f"{vice.honorific} {vice.name}, Phó Chủ tịch HĐND tỉnh chủ trì kỳ họp.",
        f"Tại kỳ họp, {presenter.honorific} {presenter.name}, Phó Chủ tịch UBND tỉnh trình bày các tờ trình; "
        f"{examiner.honorific} {examiner.name}, Trưởng Ban Kinh tế - Ngân sách HĐND tỉnh báo cáo thẩm tra.",
        f"Kỳ họp thông qua Nghị quyết số {rng.randint(1, 40)}/NQ-HĐND về điều chỉnh kế hoạch đầu tư công năm "
        f"{scene.year}, với tổng vốn {_money(rng)} tỷ đồng; nghị quyết được {rng.randint(40, 50)}/50 đại biểu "
        f"có mặt tán thành, đạt tỷ lệ {_percent(rng, 80, 99)}%.",
        f"Phát biểu bế mạc, {chair.honorific} {chair.name} yêu cầu UBND tỉnh khẩn trương triển khai các nghị quyết.",
    ]


def _voter_meeting(rng: random.Random, scene: Scene) -> list[str]:
    leader, deputy, district_chair = scene.others
    commune = scene.communes[0]
    return [
        f"{_date(rng, scene)}, Tổ đại biểu số {rng.randint(1, 4)}, Đoàn ĐBQH tỉnh {scene.province} tiếp xúc "
        f"cử tri huyện {scene.district}. Buổi tiếp xúc được tổ chức tại xã {commune}.",
        f"Tham gia tổ đại biểu có {leader.honorific} {leader.name}, Ủy viên Ban Thường vụ Tỉnh ủy, ĐBQH tỉnh và "
        f"{deputy.honorific} {deputy.name}, Phó Trưởng đoàn chuyên trách Đoàn ĐBQH tỉnh.",
        f"Cử tri xã {commune} kiến nghị tỉnh quan tâm bố trí {_money(rng)} tỷ đồng để "
        f"{rng.choice(PROJECTS).format(commune=f'xã {scene.communes[1]}', name=commune)}.",
        f"{district_chair.honorific.capitalize()} {district_chair.name}, Chủ tịch UBND huyện {scene.district} "
        "đã trả lời, làm rõ những nội dung thuộc thẩm quyền của địa phương.",
    ]


def _appointment(rng: random.Random, scene: Scene) -> list[str]:
    secretary, _, chair = scene.leaders
    appointee = scene.others[0]
    sector = rng.choice(PROVINCIAL_SECTORS)
    return [
        f"{_date(rng, scene)}, Ban Thường vụ Tỉnh ủy {scene.province} tổ chức hội nghị công bố quyết định về "
        "công tác cán bộ.",
        f"Đồng chí {secretary.name}, Bí thư Tỉnh ủy chủ trì hội nghị. Dự hội nghị có Chủ tịch UBND tỉnh "
        f"{chair.name}.",
        f"Tại hội nghị, đồng chí {appointee.name}, Phó Giám đốc Sở {sector} được điều động, chỉ định giữ chức "
        f"Bí thư Huyện ủy {scene.district}, nhiệm kỳ 2020 - 2025.",
        "Báo cáo tại hội nghị cho biết, " + _indicators(rng, scene, 1),
        f"Phát biểu giao nhiệm vụ, Bí thư Tỉnh ủy {secretary.name} đề nghị đồng chí {appointee.name} "
        f"thực hiện tốt {_document(rng)}.",
    ]


KINDS: tuple[tuple[str, Callable[[random.Random, Scene], list[str]]], ...] = (
    ("lam-viec", _working_session),
    ("hoi-nghi", _plenum),
    ("ky-hop", _council_session),
    ("tiep-xuc-cu-tri", _voter_meeting),
    ("bo-nhiem", _appointment),
)

FILLERS = (
    "Các đại biểu đã thảo luận, làm rõ thêm một số khó khăn, vướng mắc trong quá trình tổ chức thực hiện "
    "nhiệm vụ, nhất là công tác giải phóng mặt bằng và thủ tục lựa chọn nhà thầu.",
    "Công tác xây dựng Đảng được coi trọng; tình hình an ninh chính trị, trật tự an toàn xã hội được giữ vững.",
    "Bên cạnh những kết quả đạt được, địa phương còn gặp một số khó khăn, hạn chế: sản xuất nông nghiệp còn "
    "nhỏ lẻ, hạ tầng giao thông ở vùng cao còn thiếu đồng bộ.",
    "Các lĩnh vực văn hóa - xã hội tiếp tục có nhiều tiến bộ; chính sách an sinh xã hội được bảo đảm.",
    "Cơ cấu kinh tế chuyển dịch đúng hướng, tỷ trọng các ngành công nghiệp - xây dựng, dịch vụ tăng dần qua "
    "các năm; việc thu hút đầu tư vào các khu, cụm công nghiệp có chuyển biến tích cực.",
    "Công tác cải cách hành chính, chuyển đổi số được đẩy mạnh; chỉ số hài lòng của người dân đối với sự phục "
    "vụ của cơ quan hành chính tiếp tục được cải thiện.",
    "Công tác xây dựng nông thôn mới chưa đạt mục tiêu đề ra, chất lượng các tiêu chí chưa thật bền vững; "
    "nguồn lực đầu tư cho vùng đồng bào dân tộc thiểu số còn hạn chế.",
    "Các đại biểu đề nghị tiếp tục quan tâm công tác đào tạo, bồi dưỡng cán bộ nguồn, chuẩn bị tốt nhân sự cho "
    "đại hội đảng bộ các cấp nhiệm kỳ tới.",
)


def _fit(rng: random.Random, paragraphs: list[str]) -> str:
    """Join the paragraphs, adding fillers up to the minimum length and dropping tail ones over the maximum."""
    fillers = list(FILLERS)
    rng.shuffle(fillers)
    target = rng.randint(MIN_CHARS, MAX_CHARS - 300)
    while len("\n\n".join(paragraphs)) < target and fillers:
        paragraphs.insert(len(paragraphs) - 1, fillers.pop())
    while len("\n\n".join(paragraphs)) > MAX_CHARS and len(paragraphs) > 3:
        paragraphs.pop(-2)
    return "\n\n".join(paragraphs)
