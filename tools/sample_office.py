"""The fictional 青山镇 (Qingshan Town) office shared by every sample: one list of people.

The roster sample and the appraisal sample both take their staff from here, so a staff id
means the same person everywhere. Everything is fixed (no randomness) so that regenerating
the samples gives the same files.
"""

from __future__ import annotations

DEPARTMENTS = (
    ("D1", "党政综合办公室"),
    ("D2", "经济发展办公室"),
    ("D3", "社会事务办公室"),
    ("D4", "综合治理办公室"),
    ("D5", "自然资源和规划所"),
    ("D6", "财政所"),
)

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
_GIVEN = (
    "建国", "丽华", "志强", "秀英", "海涛", "晓燕", "国平", "红梅", "俊杰", "雪梅", "文博", "春燕",
    "德明", "玉兰", "振华", "美玲", "永刚", "静怡", "宏伟", "慧敏", "立新", "桂芳", "子轩", "雨欣",
    "家豪", "佳琪", "浩然", "欣怡", "明辉", "婷婷", "宇航", "思琪", "成龙", "晓丽", "天佑", "梦瑶",
    "鹏飞", "诗涵", "一鸣", "可馨", "少华", "文静",
)

# (post title, rank, category) for leaders first, then cadres and workers.
_LEADER_POSTS = (
    "党委书记", "镇长", "党委副书记", "副镇长", "副镇长", "纪委书记", "人大主席",
)


def staff_rows() -> list[dict]:
    """42 people: 7 leaders, then cadres and workers spread over six departments.

    Special cases every sample relies on: W012 is a part-timer (fte 0.5), W040 arrives in
    mid-January, W021 has a long sick leave in the roster sample, W042 is an institution
    (事业编) worker, and W038–W042 are institution staff in the appraisal.
    """
    rows = []
    for k in range(42):
        sid = f"W{k + 1:03d}"
        name = _SURNAMES[k % len(_SURNAMES)] + _GIVEN[k]
        if k < 7:
            rank, dept, post = "leader", DEPARTMENTS[k % 6][1], _LEADER_POSTS[k]
            cat = "civil_servant"
            quals = "leader"
        else:
            dept = DEPARTMENTS[(k - 7) % 6][1]
            rank = "cadre" if k < 27 else "worker"
            post = "科员" if rank == "cadre" else "工作人员"
            cat = "institution" if k >= 37 else "civil_servant"
            quals = "duty;night" if k % 5 != 0 else "duty"
        rows.append(
            {
                "staff_id": sid,
                "name": name,
                "department": dept,
                "rank": rank,
                "fairness_group": "leader" if rank == "leader" else "staff",
                "qualifications": quals,
                "fte": 0.5 if sid == "W012" else 1,
                "active_from": "2026-01-15" if sid == "W040" else "",
                "active_to": "",
                "phone": f"138{(k + 1) * 7919 % 100000000:08d}",
                "category": cat,
                "post": post,
            }
        )
    return rows
