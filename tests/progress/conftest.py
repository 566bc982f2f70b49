"""The large network for the query budgets (test_query_budgets.py), built once per class."""

import datetime

import pytest

from django.db import transaction

from demo.bulk import side_work_deferred
from progress.models import (
    AreaAssessment,
    Report,
    ReportingRound,
    ReportStatus,
    SafeCityAction,
    Sharing,
)
from tests.factories.cities import member_city
from tests.progress.world import areas, charter_page


@pytest.fixture(scope="class")
def network(request, class_db):
    """``request.param`` member cities over the five countries, each with three years of
    acknowledged reports and an action, built once per class."""
    countries = ["NO", "SE", "DK", "FI", "IS"]
    with transaction.atomic():  # rolled back before the next amount is built
        charter_page()
        # The search and reference indexes written once at the end (as seed_demo --scale does).
        with side_work_deferred():
            cities = [
                member_city(f"Town {number:03d}", country=countries[number % 5])
                for number in range(request.param)
            ]
        focus = areas()
        year = datetime.date.today().year
        for offset in range(3):
            reporting_round = ReportingRound.objects.create(
                year=year - offset, deadline=datetime.date(year - offset, 11, 30)
            )
            reports = Report.objects.bulk_create(
                Report(
                    round=reporting_round,
                    membership=city,
                    status=ReportStatus.ACKNOWLEDGED,
                    sharing=Sharing.PUBLIC if number % 4 == 0 else Sharing.MEMBERS,
                )
                for number, city in enumerate(cities)
            )
            AreaAssessment.objects.bulk_create(
                AreaAssessment(report=report, focus_area=area, level=1 + (number + index) % 4)
                for number, report in enumerate(reports)
                for index, area in enumerate(focus)
            )
        for number, city in enumerate(cities):
            action = SafeCityAction.objects.create(
                membership=city, year=year, title=f"Action {number}", description="d", goal="g"
            )
            action.focus_areas.set([focus[number % 6]])
        yield cities
        transaction.set_rollback(True)
