"""Catalogue part: words shared by every area (day types, ranks, leave kinds, calendar)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "day_type.workday": ("工作日", "workday"),
    "day_type.weekend": ("周末", "weekend"),
    "day_type.holiday": ("节假日", "holiday"),
    "rank.leader": ("领导", "leader"),
    "rank.cadre": ("干部", "cadre"),
    "rank.worker": ("职工", "worker"),
    "leave.annual": ("年休假", "annual leave"),
    "leave.sick": ("病假", "sick leave"),
    "leave.trip": ("出差", "business trip"),
    "leave.training": ("培训", "training"),
    "leave.other": ("其他", "other"),
    "festival.new_year": ("元旦", "New Year's Day"),
    "festival.spring": ("春节", "Spring Festival"),
    "festival.qingming": ("清明节", "Qingming"),
    "festival.labour": ("劳动节", "Labour Day"),
    "festival.dragon_boat": ("端午节", "Dragon Boat"),
    "festival.mid_autumn": ("中秋节", "Mid-Autumn"),
    "festival.national": ("国庆节", "National Day"),
    "calendar.unpublished": (
        "{year} 年的法定节假日调休安排尚未收录（可能尚未公布）：请在 calendar 表中填写该年的节假日和调休上班日，"
        "否则将按普通周末排班。",
        "The official holiday and adjusted-working-day schedule for {year} is not known yet (perhaps not "
        "published): type it into the calendar sheet, otherwise {year} is planned with plain weekends.",
    ),
    "calendar.adjusted_workday": ("调休上班", "adjusted working day"),
}
