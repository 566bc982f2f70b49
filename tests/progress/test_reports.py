"""A city's yearly self-assessment: draft, submit, acknowledge, reopen; who sees whose results."""

import pytest

from django.core.exceptions import ValidationError

from core.models import OutgoingEmail
from progress import services
from progress.models import Level, Report, ReportStatus, ReportTransition, Sharing
from tests.factories.accounts import UserFactory
from tests.progress.world import areas, build_world, report_with
from tests.worlds import once_per_class

world, world_built = once_per_class("world", build_world)


def oslo_draft(world) -> Report:
    return services.report_get_or_create(reporting_round=world.current, membership=world.oslo)


def fill(report, *, level=Level.DEVELOPING, narrative="We run dialogue cafés.", links=()):
    return services.report_save(
        report=report,
        areas={area.pk: services.AreaInput(level, narrative, list(links), []) for area in areas()},
    )


class TestTheReportsStates:
    def test_a_new_report_has_a_row_for_each_of_the_six_focus_areas(self, world):
        assert oslo_draft(world).assessments.count() == 6

    def test_submitting_a_complete_draft_locks_it_and_records_who_and_when(self, world):
        report = fill(oslo_draft(world))
        services.report_submit(report=report, by=world.oslo_coordinator)
        report.refresh_from_db()
        assert report.status == ReportStatus.SUBMITTED and report.submitted_at
        transition = ReportTransition.objects.get(report=report)
        assert (transition.by, transition.from_status, transition.to_status) == (
            world.oslo_coordinator,
            ReportStatus.DRAFT,
            ReportStatus.SUBMITTED,
        )
        with pytest.raises(services.ReportLocked):
            fill(report, level=Level.LEADING)
        assert set(report.assessments.values_list("level", flat=True)) == {Level.DEVELOPING}

    def test_a_draft_without_levels_or_narratives_cannot_be_submitted(self, world):
        report = oslo_draft(world)
        first, *rest = areas()
        services.report_save(
            report=report,
            areas={first.pk: services.AreaInput(Level.EXPLORING, "", [], [])},
        )
        with pytest.raises(services.ReportIncomplete) as raised:
            services.report_submit(report=report, by=world.oslo_coordinator)
        assert raised.value.missing[first.slug] == {
            "narrative": "Describe what your city does in this area."
        }
        assert set(raised.value.missing[rest[0].slug]) == {"level", "narrative"}
        assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT

    def test_evidence_links_must_be_web_addresses(self):
        assert services.evidence_links_clean(
            " https://oslo.example.org/a \n\nhttp://b.example/ "
        ) == [
            "https://oslo.example.org/a",
            "http://b.example/",
        ]
        with pytest.raises(ValidationError) as raised:
            services.evidence_links_clean(
                "https://ok.example/\njavascript:alert(1)\nftp://x.example/"
            )
        assert "javascript:alert(1), ftp://x.example/" in raised.value.messages[0]

    def test_a_level_outside_the_scale_is_refused(self, world):
        report = oslo_draft(world)
        with pytest.raises(ValidationError):
            services.report_save(
                report=report, areas={areas()[0].pk: services.AreaInput(5, "", [], [])}
            )
        assert report.assessments.filter(level__isnull=False).count() == 0

    def test_a_report_links_only_its_own_citys_case_studies(self, world):
        report = oslo_draft(world)
        stockholms = world.stockholm_studies["safe-urban-space"]
        area = areas()[0]
        services.report_save(
            report=report,
            areas={area.pk: services.AreaInput(None, "", [], [world.oslo_study.pk, stockholms.pk])},
        )
        linked = report.assessments.get(focus_area=area).case_studies.all()
        assert list(linked) == [world.oslo_study]

    def test_an_acknowledgement_with_feedback_emails_the_coordinator_in_their_language(self, world):
        report = report_with(world.oslo, world.current, Level.DEVELOPING, by=world.oslo_coordinator)
        services.report_acknowledge(
            report=report, by=world.secretariat, feedback="Strong work with families."
        )
        report.refresh_from_db()
        assert report.status == ReportStatus.ACKNOWLEDGED and report.acknowledged_at
        email = OutgoingEmail.objects.get(to=world.oslo_coordinator.email)
        assert email.language == "nb"
        assert "Strong work with families." in email.text_body
        assert "/nb/charter/our-city/" in email.text_body

    def test_only_a_submitted_report_can_be_acknowledged(self, world):
        with pytest.raises(ValidationError):
            services.report_acknowledge(report=oslo_draft(world), by=world.secretariat, feedback="")

    def test_reopening_hands_the_report_back_as_a_draft(self, world):
        report = world.current.reports.get(membership=world.stockholm)
        services.report_reopen(report=report, by=world.secretariat)
        report.refresh_from_db()
        assert report.editable
        assert list(report.transitions.values_list("from_status", "to_status")) == [
            (ReportStatus.DRAFT, ReportStatus.SUBMITTED),
            (ReportStatus.SUBMITTED, ReportStatus.DRAFT),
        ]
        assert OutgoingEmail.objects.filter(to=world.stockholm_coordinator.email).count() == 1


class TestWhoSeesWhoseResults:
    def cities(self, user, world) -> set[str]:
        return {
            report.membership.city_page.title
            for report in Report.objects.readable_by(user).select_related("membership__city_page")
        }

    def test_the_secretariat_sees_every_report(self, world):
        oslo_draft(world)
        assert self.cities(world.secretariat, world) == {"Oslo", "Bergen", "Stockholm"}

    def test_a_coordinator_sees_their_own_and_what_other_cities_share_with_members(self, world):
        oslo_draft(world)
        assert self.cities(world.oslo_coordinator, world) == {"Oslo", "Stockholm"}
        # Bergen keeps its results private: its own coordinator sees them, nobody else.
        assert self.cities(world.stockholm_coordinator, world) == {"Stockholm"}
        assert self.cities(world.bergen_coordinator, world) == {"Bergen", "Stockholm"}

    def test_a_draft_shared_with_members_is_not_seen_by_other_cities(self, world):
        report = oslo_draft(world)
        services.report_save(report=report, areas={}, sharing=Sharing.PUBLIC)
        assert "Oslo" not in self.cities(world.stockholm_coordinator, world)

    def test_the_public_and_signed_in_members_of_the_public_see_only_published_results(self, world):
        from django.contrib.auth.models import AnonymousUser

        assert self.cities(AnonymousUser(), world) == set()
        assert self.cities(world.citizen, world) == set()
        Report.objects.filter(membership=world.stockholm).update(sharing=Sharing.PUBLIC)
        assert self.cities(AnonymousUser(), world) == {"Stockholm"}
        assert self.cities(UserFactory(), world) == {"Stockholm"}
