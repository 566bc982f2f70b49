"""The target groups of case studies (reference rows; see ``core.reference_data``)."""

TARGET_GROUP_CODES = [
    "children-young-people",
    "families",
    "schools",
    "online-communities",
    "public-employees",
    "civil-society",
    "local-communities",
    "police-justice",
]


def ensure_target_groups(target_group_model) -> None:
    for position, code in enumerate(TARGET_GROUP_CODES, start=1):
        target_group_model.objects.get_or_create(code=code, defaults={"position": position})
