"""A small network built once for the URL matrix, and a realistic value for every parameter of
every URL pattern: real ids and slugs of the world's objects.

"This city" is Oslo: every object a URL names belongs to Oslo, its coordinator or its pages.
Stockholm is the other member city, with a coordinator of its own.
"""

import datetime
import io
from dataclasses import dataclass, field
from types import SimpleNamespace

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.totp.internal.auth import generate_totp_secret
from PIL import Image as PillowImage

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    Locale,
    Page,
    PageViewRestriction,
    Site,
    UploadedFile,
)
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from accounts.models import Role
from charter.models import FocusArea
from cities.services import invitation_create, invitation_token
from core.models import HomePage, SiteSettings, StandardPage
from core.services import home_child_get_or_create, page_create
from demo import shell
from events import services as events_services
from events.models import Audience, EventPage, EventsIndexPage
from knowledge.models import Visibility
from knowledge.services import case_study_submit, case_study_translate
from knowledge.workflow import ensure_moderation_workflow
from newsletter import services as newsletter_services
from progress import services as progress_services
from progress.models import Adoption, CharterPage, ReportingRound
from tests.factories.accounts import UserFactory
from tests.factories.cities import (
    ApplicationFactory,
    PartnerFactory,
    cities_index,
    coordinator_of,
    member_city,
)
from tests.factories.knowledge import case_study, knowledge_index

LANGUAGES = ["en", "da", "sv", "nb", "fi", "is"]
# Pages of a type another sample already has, or that no one may see: in the access matrix, not
# worth the hostile values again.
PAGES_NOT_FUZZED = {
    "home in Icelandic",
    "standard page",
    "partners (a route of the cities index)",
    "case study translated",
    "submitted case study, never published",
    "no such page",
}

# The route strings of the patterns that are regular expressions with groups, and an address
# template for each (the page-serving catch-all is addressed through ``World.pages``).
REGEX_KEYS = {
    "revisions compare": r"admin/pages/(?P<pk>\d+)/revisions/compare/"
    r"(?P<revision_id_a>live|earliest|\d+)\.\.\.(?P<revision_id_b>live|latest|\d+)/$",
    "admin catch-all": "admin/.*/$",
    "document": r"documents/(\d+)/(.*)$",
    "email confirmation": r"<language>/accounts/confirm-email/(?P<key>[-:\w]+)/$",
    "password reset key": r"<language>/accounts/password/reset/key/"
    r"(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
    "page serving": r"<language>/((?:[\w\-]+/)*)$",
}
REGEX_TEMPLATES = {
    REGEX_KEYS["revisions compare"]: "admin/pages/{pk}/revisions/compare/"
    "{revision_id_a}...{revision_id_b}/",
    REGEX_KEYS["admin catch-all"]: "admin/{anything}/",
    REGEX_KEYS["document"]: "documents/{document_id}/{filename}",
    REGEX_KEYS["email confirmation"]: "<language>/accounts/confirm-email/{key}/",
    REGEX_KEYS["password reset key"]: "<language>/accounts/password/reset/key/{uidb36}-{key}/",
    REGEX_KEYS["page serving"]: "<language>/{page_path}",
}


def _png() -> ContentFile:
    data = io.BytesIO()
    PillowImage.new("RGB", (8, 8), "teal").save(data, "PNG")
    return ContentFile(data.getvalue(), name="oslo.png")


@dataclass
class World:
    objects: SimpleNamespace
    # Value of each parameter by name, and by route string where one route needs another.
    values: dict[str, str]
    route_values: dict[str, dict[str, str]]
    # The query string a route needs to show anything (bulk actions name their objects).
    route_queries: dict[str, dict[str, str]] = field(default_factory=dict)
    # Wagtail's catch-all page serving: one address per kind of page.
    pages: dict[str, str] = field(default_factory=dict)


def build() -> World:
    """The network: Oslo and Stockholm with a coordinator each, Oslo's public, members-only and
    submitted case studies, and one of every object a Wagtail admin address names."""
    shell.seed(scale=1, log=lambda text: None)
    cities_index()
    knowledge_index()
    workflow = ensure_moderation_workflow()
    oslo = member_city("Oslo")
    stockholm = member_city("Stockholm")
    o = SimpleNamespace(oslo=oslo, stockholm=stockholm)
    o.oslo_coordinator = coordinator_of(oslo, name="Olav Oslo")
    o.stockholm_coordinator = coordinator_of(stockholm, name="Sara Stockholm")
    o.citizen = UserFactory(name="Cecilie Citizen")
    o.newcomer = UserFactory(name="Nina Newcomer", verified=False)
    o.secretariat = UserFactory(
        role=Role.SECRETARIAT, name="Sigrid Secretariat", totp_secret=generate_totp_secret()
    )

    o.practice = case_study(oslo, "Street mediation programme")
    o.members_only = case_study(oslo, "Exit programme", visibility=Visibility.MEMBERS)
    o.draft = case_study(oslo, "Night walkers", publish=False, by=o.oslo_coordinator)
    o.workflow_state = case_study_submit(case_study=o.draft, by=o.oslo_coordinator)
    o.task_state = o.workflow_state.current_task_state
    o.task = GroupApprovalTask.objects.get(workflow_tasks__workflow=workflow)
    o.practice_sv = case_study_translate(case_study=o.practice, language="sv", title="Gatumedling")
    o.translation_source, _created = TranslationSource.get_or_create_from_instance(o.practice)
    o.translation = Translation.objects.create(
        source=o.translation_source, target_locale=Locale.objects.get(language_code="da")
    )
    o.string_segment = StringSegment.objects.filter(source=o.translation_source).first()

    home = HomePage.objects.get(locale__language_code="en")
    o.board_papers = page_create(
        parent=home, page=StandardPage(title="Board papers", slug="board-papers")
    )
    o.page_restriction = PageViewRestriction.objects.create(
        page=o.board_papers, restriction_type=PageViewRestriction.PASSWORD, password="board"
    )
    root_collection = Collection.get_first_root_node()
    o.collection = root_collection.add_child(name="Oslo")
    restricted = root_collection.add_child(name="Board")
    o.collection_restriction = CollectionViewRestriction.objects.create(
        collection=restricted, restriction_type=CollectionViewRestriction.PASSWORD, password="b"
    )
    o.image = get_image_model().objects.create(
        title="Oslo harbour", file=_png(), uploaded_by_user=o.oslo_coordinator
    )
    o.document = get_document_model().objects.create(
        title="Oslo plan",
        file=ContentFile(b"Safe City Action", name="oslo-plan.txt"),
        uploaded_by_user=o.oslo_coordinator,
    )
    o.image_upload = UploadedFile.objects.create(
        file=_png(),
        for_content_type=ContentType.objects.get_for_model(get_image_model()),
        uploaded_by_user=o.oslo_coordinator,
    )
    o.document_upload = UploadedFile.objects.create(
        file=ContentFile(b"Notes", name="notes.txt"),
        for_content_type=ContentType.objects.get_for_model(get_document_model()),
        uploaded_by_user=o.oslo_coordinator,
    )
    o.editing_session = EditingSession.objects.create(
        user=o.oslo_coordinator,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(o.practice.pk),
        last_seen_at=timezone.now(),
    )
    o.redirect = Redirect.objects.create(old_path="/old-practices", redirect_link="/en/")
    o.focus_area = FocusArea.objects.get(locale__language_code="en", slug="safe-urban-space")
    o.partner = PartnerFactory(name="Peace Lab", kind="research")
    o.application = ApplicationFactory()
    o.invitation = invitation_create(
        membership=oslo, email="new.coordinator@oslo.example.org", name="Nils", by=o.secretariat
    )
    _charter(o)
    _events(o)
    _newsletter(o)
    return World(objects=o, values=_values(o), route_values=_route_values(o), **_extras(o))


def _charter(o) -> None:
    """The Charter page, this year's round with Oslo's submitted report, Oslo's adoption and its
    Safe City Action."""
    home_child_get_or_create(CharterPage(title="The Charter", slug="charter"))
    reporting_round = ReportingRound.objects.create(
        year=2026, deadline=datetime.date.today() + datetime.timedelta(days=30)
    )
    o.report = progress_services.report_get_or_create(
        reporting_round=reporting_round, membership=o.oslo
    )
    o.adoption = Adoption.objects.create(
        membership=o.oslo,
        adopted_on=datetime.date(2016, 5, 1),
        signed_by_name="Mayor of Oslo",
        signed_by_role="Mayor",
    )
    o.action = progress_services.action_save(
        membership=o.oslo,
        year=2026,
        title="Youth peace ambassadors",
        description="In every school.",
        goal="Twenty schools.",
        focus_area_ids=[o.focus_area.pk],
    )


def _events(o) -> None:
    """A meetup open to the public, which the member of the public registered for."""
    index = home_child_get_or_create(EventsIndexPage(title="Meetups", slug="events"))
    starts = timezone.now() + datetime.timedelta(days=20)
    o.event = page_create(
        parent=index,
        page=EventPage(
            title="Nordic meetup",
            slug="nordic-meetup",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=5),
            venue_address="Rådhusplassen 1, Oslo",
            capacity=10,
            audience=Audience.PUBLIC,
        ),
    )
    o.registration = events_services.registration_create(
        event=o.event,
        user=o.citizen,
        data=events_services.RegistrationInput(organisation="Oslo Red Cross"),
    )


def _newsletter(o) -> None:
    """A confirmed subscriber and one waiting to confirm, for the links of their emails."""
    source = newsletter_services.ConsentSource(
        path="/en/newsletter/", ip_address=None, wording="Subscribe", language="en"
    )
    o.subscriber = newsletter_services.subscriber_subscribe(
        email="reader@example.org", language="en", interests=[], source=source
    )
    o.subscriber = newsletter_services.subscriber_confirm(
        subscriber=o.subscriber, nonce=o.subscriber.nonce, source=source
    )
    o.pending_subscriber = newsletter_services.subscriber_subscribe(
        email="pending@example.org", language="en", interests=[], source=source
    )
    # An issue sent to the confirmed subscriber, in the archive.
    from wagtail.models import Locale

    from newsletter import sending
    from newsletter.models import Delivery, Issue

    o.issue = Issue.objects.create(
        subject="Autumn in the network",
        locale=Locale.objects.get(language_code="en"),
        body=[{"type": "paragraph", "value": "<p>A year of meetups.</p>"}],
    )
    o.sending = sending.sending_schedule(issue=o.issue, by=None)
    sending.sending_fan_out(sending_id=o.sending.pk)
    (delivery,) = Delivery.objects.filter(sending=o.sending).values_list("pk", flat=True)
    sending.deliveries_send(sending_id=o.sending.pk, first_id=delivery, last_id=delivery)


def _values(o) -> dict[str, str]:
    """Parameters by name. Page ids name Oslo's public case study unless a route says other."""
    practice = str(o.practice.pk)
    return {
        "page_id": practice,
        "parent_page_id": str(o.oslo.city_page.pk),
        "page_to_move_id": practice,
        "destination_id": str(o.oslo.city_page.pk),
        "revision_id": str(o.practice.latest_revision.pk),
        "task_state_id": str(o.task_state.pk),
        "task_id": str(o.task.pk),
        "workflow_state_id": str(o.workflow_state.pk),
        "action_name": "approve",
        "content_type_app_name": "knowledge",
        "content_type_model_name": "casestudypage",
        "app_label": "knowledge",
        "model_name": "casestudypage",
        "app_name": "wagtailimages",
        "image_id": str(o.image.pk),
        "document_id": str(o.document.pk),
        "doc_id": str(o.document.pk),
        "collection_id": str(o.collection.pk),
        "redirect_id": str(o.redirect.pk),
        "filter_spec": "fill-80x80",
        "session_id": str(o.editing_session.pk),
        "object_id": practice,
        "translation_source_id": str(o.translation_source.pk),
        "translation_id": str(o.translation.pk),
        "string_segment_id": str(o.string_segment.pk),
        # The case study has no overridable segment (no image or link in its body).
        "overridable_segment_id": "1",
        "mode": "default",
        "restriction_id": str(o.collection_restriction.pk),
        "page_view_restriction_id": str(o.page_restriction.pk),
        "uidb64": "MQ",
        "token": "set-password",
        "slug": o.oslo.city_page.slug,
        "focus_area": o.focus_area.slug,
        "key": EmailConfirmationHMAC(EmailAddress.objects.get(user=o.newcomer)).key,
    }


def _route_values(o) -> dict[str, dict[str, str]]:
    page = str(o.practice.pk)
    draft = str(o.draft.pk)
    city = str(o.oslo.city_page.pk)
    image, document = str(o.image.pk), str(o.document.pk)
    workflow = str(o.task.workflow_tasks.first().workflow_id)
    values = {
        # The admin's page API: Oslo's case study, and an action on it.
        "admin/api/main/pages/<int:pk>/": {"pk": page},
        "admin/api/main/pages/<int:pk>/action/<str:action_name>/": {
            "pk": page,
            "action_name": "unpublish",
        },
        "api/case-studies/<id:pk>/": {"pk": page},
        "admin/api/main/documents/<int:pk>/": {"pk": document},
        "admin/api/main/images/<int:pk>/": {"pk": image},
        "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/": {
            "app_label": "wagtailcore",
            "model_name": "page",
            "action": "unpublish",
        },
        "admin/pages/<int:parent_page_id>/add_subpage/": {"parent_page_id": city},
        "admin/choose-page/<int:parent_page_id>/": {"parent_page_id": city},
        "admin/collections/<int:pk>/": {"pk": str(o.collection.pk)},
        "admin/collections/<int:pk>/delete/": {"pk": str(o.collection.pk)},
        "admin/workflows/remove/<int:page_pk>/": {"page_pk": str(o.oslo.city_page.get_parent().pk)},
        "admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/": {
            "page_pk": str(o.oslo.city_page.get_parent().pk),
            "workflow_pk": workflow,
        },
        "admin/workflows/tasks/add/<str:app_label>/<str:model_name>/": {
            "app_label": "wagtailcore",
            "model_name": "groupapprovaltask",
        },
        "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/"
        "<int:session_id>/": {"app_label": "wagtailcore", "model_name": "page"},
        "admin/localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/": {
            "app_label": "charter",
            "model_name": "focusarea",
            "pk": str(o.focus_area.pk),
        },
        "admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/": {
            "app_label": "charter",
            "model_name": "focusarea",
        },
        "admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/": {
            "app_label": "charter",
            "model_name": "focusarea",
            "pk": str(o.focus_area.pk),
        },
        "admin/localize/page/<int:page_id>/convert_to_alias/": {"page_id": str(o.practice_sv.pk)},
        # No form pages exist: the board papers page (a standard page) stands in.
        "admin/forms/submissions/<int:page_id>/": {"page_id": str(o.board_papers.pk)},
        "admin/forms/submissions/<int:page_id>/results/": {"page_id": str(o.board_papers.pk)},
        "admin/forms/submissions/<int:page_id>/delete/": {"page_id": str(o.board_papers.pk)},
        "admin/settings/<slug:app_name>/<slug:model_name>/": {
            "app_name": "core",
            "model_name": "sitesettings",
        },
        "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": {
            "app_name": "core",
            "model_name": "sitesettings",
            "pk": str(SiteSettings.load().pk),
        },
        "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/": {
            "app_name": "core",
            "model_name": "sitesettings",
            "pk": str(SiteSettings.load().pk),
        },
        "admin/images/chooser/chosen/<str:pk>/": {"pk": image},
        "admin/documents/chooser/chosen/<str:pk>/": {"pk": document},
        "admin/snippets/choose/charter/focusarea/chosen/<str:pk>/": {"pk": str(o.focus_area.pk)},
        "admin/snippets/choose/cities/partner/chosen/<str:pk>/": {"pk": str(o.partner.pk)},
        "admin/snippets/choose/newsletter/issue/chosen/<str:pk>/": {"pk": str(o.issue.pk)},
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/": {
            "page_id": draft
        },
        "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/"
        "<int:task_state_id>/": {"page_id": draft},
        "admin/pages/workflow/confirm_cancellation/<int:page_id>/": {"page_id": draft},
        "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/": {"page_id": draft},
        "admin/pages/<int:page_id>/workflow_history/": {"page_id": draft},
        "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/": {
            "page_id": draft
        },
        "<language>/_util/authenticate_with_password/<int:page_view_restriction_id>/"
        "<int:page_id>/": {"page_id": str(o.board_papers.pk)},
        "<language>/accounts/invitation/<str:token>/": {"token": invitation_token(o.invitation)},
        "<language>/events/cancel/<str:token>/": {
            "token": events_services.cancel_token(o.registration)
        },
        "<language>/events/<slug:slug>/calendar.ics": {"slug": o.event.slug},
        "feeds/my-meetups/<str:token>.ics": {"token": o.citizen.meetup_calendar.token},
        "<language>/newsletter/confirm/<str:token>/": {
            "token": newsletter_services.confirm_token(o.pending_subscriber)
        },
        "<language>/newsletter/preferences/<str:token>/": {
            "token": newsletter_services.manage_token(o.subscriber)
        },
        "<language>/newsletter/unsubscribe/<str:token>/": {
            "token": newsletter_services.manage_token(o.subscriber)
        },
        "<language>/newsletter/archive/<int:pk>/": {"pk": str(o.issue.pk)},
        "admin/events/<int:event_id>/participants/": {"event_id": str(o.event.pk)},
        "admin/events/<int:event_id>/check-in/": {"event_id": str(o.event.pk)},
        "admin/events/<int:event_id>/message/": {"event_id": str(o.event.pk)},
        # allauth's password-reset link for the member of the public.
        REGEX_KEYS["password reset key"]: {
            "uidb36": user_pk_to_url_str(o.citizen),
            "key": default_token_generator.make_token(o.citizen),
        },
        REGEX_KEYS["revisions compare"]: {
            "pk": page,
            "revision_id_a": "earliest",
            "revision_id_b": "latest",
        },
        REGEX_KEYS["admin catch-all"]: {"anything": "no-such-admin-page"},
        REGEX_KEYS["document"]: {"document_id": document, "filename": "oslo-plan.txt"},
    }
    for prefix, pk in [
        ("admin/snippets/charter/focusarea/", o.focus_area.pk),
        ("admin/cities/partners/", o.partner.pk),
        ("admin/locales/", Locale.objects.get(language_code="en").pk),
        ("admin/sites/", Site.objects.get(is_default_site=True).pk),
        ("admin/users/", o.citizen.pk),
        ("admin/groups/", o.oslo.coordinator_group_id),
        ("admin/workflows/", workflow),
        ("admin/workflows/tasks/", o.task.pk),
        ("admin/cities/memberships/", o.oslo.pk),
        ("admin/cities/applications/", o.application.pk),
        ("admin/charter/reports/", o.report.pk),
        ("admin/charter/adoptions/", o.adoption.pk),
        ("admin/charter/actions/", o.action.pk),
        ("admin/newsletter/issues/", o.issue.pk),
    ]:
        values[prefix] = {"pk": str(pk)}
    values["admin/images/multiple/"] = {"uploaded_file_id": str(o.image_upload.pk)}
    values["admin/documents/multiple/"] = {"uploaded_file_id": str(o.document_upload.pk)}
    values["admin/cities/memberships/"]["coordinator_pk"] = str(o.oslo_coordinator.coordinator.pk)
    values["admin/cities/memberships/"]["invitation_pk"] = str(o.invitation.pk)
    return values


def _extras(o) -> dict:
    oslo = o.oslo.city_page.url_path.split("/")[-2]
    return {
        "route_queries": {
            "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/": {"id": str(o.practice.pk)},
        },
        "pages": {
            "home": "/en/",
            "home in Icelandic": "/is/",
            "standard page": "/da/about/",
            "cities index": "/en/cities/",
            "partners (a route of the cities index)": "/sv/cities/partners/",
            "city page": f"/nb/cities/{oslo}/",
            "knowledge index": "/fi/knowledge/",
            "charter page": "/is/charter/",
            "safe city actions (a route of the charter page)": "/da/charter/actions/",
            "events index": "/sv/events/",
            "event page": f"/fi/events/{o.event.slug}/",
            "case study": f"/en/cities/{oslo}/{o.practice.slug}/",
            "case study translated": f"/sv/cities/{oslo}/{o.practice_sv.slug}/",
            "members-only case study": f"/en/cities/{oslo}/{o.members_only.slug}/",
            "submitted case study, never published": f"/en/cities/{oslo}/{o.draft.slug}/",
            "no such page": "/en/cities/no-such-city/",
        },
    }
