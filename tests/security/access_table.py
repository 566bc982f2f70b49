"""Who may get a 2xx from each URL pattern of the project: the expectations of the URL matrix
(``test_url_matrix.py``).

Every pattern is listed by its route string (``tests.security.patterns``), so that a new
pattern fails the matrix until someone decides here who may reach it. A level says which of the
six roles may get a 2xx (or a redirect further into the admin); any other role must get a
refusal: a redirect to sign in or to the second factor, a 403, a 404, a 405.

The URL names the world's objects (``tests.security.world``): Oslo's city page and public case
study, its coordinator's image and document, its submitted case study. "This city" is Oslo.

Levels
------
public          everyone, anonymous visitors included.
signed-in       any signed-in account, whatever its role and whatever its session proved: the
                person's own account pages.
members         the network's members: coordinators of any city and the secretariat (a
                password suffices, as for a coordinator): members-only case studies.
admin           the parts of the admin every editor shares: a coordinator of any city, and the
                secretariat with the second factor given in this session (the dashboard,
                choosers, the editor's own uploads listing, reports Wagtail filters by page
                permission).
own-city        what belongs to the city the URL names: its coordinator, and the secretariat
                with the second factor. Not the coordinator of another city.
secretariat     the secretariat with the second factor given in this session, nobody else:
                users, groups, settings, sites, locales, collections, workflows, redirects,
                memberships, applications, partners, approving case studies.
second-factor   the account's second factor itself (recovery codes, turning it off): only a
                session that gave that second factor.
nobody          answered with a redirect or 404 for everyone: Wagtail's password forms that
                allauth replaces, a sign-in step outside a sign-in, unknown addresses.
"""

from enum import StrEnum


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    CITIZEN = "member of the public"
    COORDINATOR = "coordinator of this city"
    OTHER_COORDINATOR = "coordinator of another city"
    SECRETARIAT = "secretariat, second factor given"
    SECRETARIAT_PASSWORD_ONLY = "secretariat, password only"


class Access(StrEnum):
    PUBLIC = "public"
    SIGNED_IN = "signed-in"
    MEMBERS = "members"
    ADMIN = "admin"
    OWN_CITY = "own-city"
    SECRETARIAT = "secretariat"
    SECOND_FACTOR = "second-factor"
    NOBODY = "nobody"


COORDINATORS = {Role.COORDINATOR, Role.OTHER_COORDINATOR}
ALLOWED = {
    Access.PUBLIC: set(Role),
    Access.SIGNED_IN: set(Role) - {Role.ANONYMOUS},
    Access.MEMBERS: COORDINATORS | {Role.SECRETARIAT, Role.SECRETARIAT_PASSWORD_ONLY},
    Access.ADMIN: COORDINATORS | {Role.SECRETARIAT},
    Access.OWN_CITY: {Role.COORDINATOR, Role.SECRETARIAT},
    Access.SECRETARIAT: {Role.SECRETARIAT},
    Access.SECOND_FACTOR: {Role.SECRETARIAT},
    Access.NOBODY: set(),
}

PUBLIC = Access.PUBLIC
SIGNED_IN = Access.SIGNED_IN
MEMBERS = Access.MEMBERS
ADMIN = Access.ADMIN
OWN_CITY = Access.OWN_CITY
SECRETARIAT = Access.SECRETARIAT
SECOND_FACTOR = Access.SECOND_FACTOR
NOBODY = Access.NOBODY

# Addresses that only forward to another admin address, which decides access itself: their
# redirect is followed, and judged by where it ends.
FORWARDS = {
    "admin/pages/<int:page_id>/revisions/",  # to the page's history
    "admin/settings/<slug:app_name>/<slug:model_name>/",  # to the setting of the current site
}

# Wagtail's error test page raises on purpose, for those who may enter the admin.
DELIBERATE_SERVER_ERRORS = {"admin/failwhale/"}

# The route string of Wagtail's page serving, whose access is the page's (``PAGES``).
PAGE_SERVING = r"<language>/((?:[\w\-]+/)*)$"

# Pages served by Wagtail's catch-all, by the world's name for them.
PAGES = {
    "home": PUBLIC,
    "home in Icelandic": PUBLIC,
    "standard page": PUBLIC,
    "cities index": PUBLIC,
    "partners (a route of the cities index)": PUBLIC,
    "city page": PUBLIC,
    "knowledge index": PUBLIC,
    "case study": PUBLIC,
    "case study translated": PUBLIC,
    "charter page": PUBLIC,
    "safe city actions (a route of the charter page)": PUBLIC,
    "events index": PUBLIC,
    "event page": PUBLIC,
    "members-only case study": MEMBERS,
    "submitted case study, never published": NOBODY,
    "no such page": NOBODY,
}

ACCESS = {
    # --- Without a language prefix -------------------------------------------------------------
    "admin/login/": NOBODY,  # sends everyone to allauth's sign-in
    "admin/password_reset/": NOBODY,  # sends everyone to allauth's password reset
    "documents/(\\d+)/(.*)$": PUBLIC,  # a document in a public collection
    "documents/authenticate_with_password/<int:restriction_id>/": PUBLIC,  # the password form
    "healthz": PUBLIC,
    "api/cities/": PUBLIC,
    "api/cities/<slug:slug>/": PUBLIC,
    "api/case-studies/": PUBLIC,
    "api/case-studies/<id:pk>/": PUBLIC,
    "api/events/": PUBLIC,
    "api/": NOBODY,  # ninja's root: a 404 for everyone (the docs are api/docs)
    "api/openapi.json": PUBLIC,  # the API's OpenAPI schema
    "api/docs": PUBLIC,  # the API's browsable docs (Swagger UI)
    "feeds/case-studies/rss/": PUBLIC,
    "feeds/case-studies/atom/": PUBLIC,
    "feeds/case-studies/<slug:focus_area>/rss/": PUBLIC,
    "feeds/case-studies/<slug:focus_area>/atom/": PUBLIC,
    "feeds/events.ics": PUBLIC,
    "feeds/my-meetups/<str:token>.ics": PUBLIC,  # the unguessable token is the credential
    "favicon.ico": PUBLIC,
    "sitemap.xml": PUBLIC,
    "i18n/setlang/": PUBLIC,
    # --- Public pages under the language prefix ----------------------------------------------
    "<language>/join/": PUBLIC,
    "<language>/join/thanks/": PUBLIC,
    "<language>/accounts/invitation/<str:token>/": PUBLIC,  # the signed link is the credential
    "<language>/search/": PUBLIC,
    # A registration's cancellation link: the signed link is the credential (a GET only asks).
    "<language>/events/cancel/<str:token>/": PUBLIC,
    "<language>/events/<slug:slug>/calendar.ics": PUBLIC,
    # The newsletter: subscribing, and the links of its emails (the signed link is the
    # credential; a GET only asks, except for the preferences form).
    "<language>/newsletter/": PUBLIC,
    "<language>/newsletter/thanks/": PUBLIC,
    "<language>/newsletter/confirm/<str:token>/": PUBLIC,
    "<language>/newsletter/preferences/<str:token>/": PUBLIC,
    "<language>/newsletter/unsubscribe/<str:token>/": PUBLIC,
    "<language>/newsletter/archive/": PUBLIC,
    "<language>/newsletter/archive/<int:pk>/": PUBLIC,  # an issue sent
    "feeds/newsletter/rss/": PUBLIC,
    "<language>/events/my-calendar/": SIGNED_IN,  # one's own calendar address
    # A coordinator's "Our city" (their own city, whichever it is); the secretariat is sent on
    # to the network view.
    "<language>/charter/our-city/": MEMBERS,
    "<language>/_util/login/": NOBODY,  # sends everyone to allauth's sign-in
    # Wagtail's password form of a page restricted by password.
    "<language>/_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": (
        PUBLIC
    ),
    PAGE_SERVING: PUBLIC,  # decided per page: PAGES
    # --- Accounts: the portal's own and allauth's ---------------------------------------------
    "<language>/accounts/my-data/": SIGNED_IN,
    "<language>/accounts/my-data/download/": SIGNED_IN,
    "<language>/accounts/my-data/delete/": SIGNED_IN,
    "<language>/accounts/newsletter/": SIGNED_IN,  # the person's own subscription
    "<language>/accounts/login/": PUBLIC,
    "<language>/accounts/logout/": SIGNED_IN,
    "<language>/accounts/inactive/": PUBLIC,
    "<language>/accounts/signup/": PUBLIC,
    "<language>/accounts/reauthenticate/": SIGNED_IN,
    "<language>/accounts/email/": SIGNED_IN,
    "<language>/accounts/confirm-email/": PUBLIC,
    "<language>/accounts/password/change/": SIGNED_IN,
    "<language>/accounts/password/set/": SIGNED_IN,
    "<language>/accounts/password/reset/": PUBLIC,
    "<language>/accounts/login/code/confirm/": NOBODY,  # sign-in by code is off
    "<language>/accounts/confirm-email/(?P<key>[-:\\w]+)/$": PUBLIC,  # the key is the credential
    "<language>/accounts/password/reset/key/done/": PUBLIC,
    "<language>/accounts/password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": PUBLIC,
    "<language>/accounts/password/reset/done/": PUBLIC,
    "<language>/accounts/2fa/": SIGNED_IN,
    "<language>/accounts/2fa/authenticate/": NOBODY,  # only between password and code
    "<language>/accounts/2fa/reauthenticate/": SIGNED_IN,
    "<language>/accounts/2fa/totp/activate/": SIGNED_IN,
    "<language>/accounts/2fa/totp/deactivate/": SECOND_FACTOR,
    "<language>/accounts/2fa/recovery-codes/": SECOND_FACTOR,
    "<language>/accounts/2fa/recovery-codes/generate/": SECOND_FACTOR,
    "<language>/accounts/2fa/recovery-codes/download/": SECOND_FACTOR,
    # --- Admin: what every editor shares -------------------------------------------------------
    "admin/": ADMIN,
    "admin/test404/": ADMIN,
    "admin/failwhale/": ADMIN,
    "admin/account/": ADMIN,
    "admin/logout/": ADMIN,
    "admin/dismissibles/": ADMIN,
    "admin/block-preview/": ADMIN,
    "admin/localize/jsi18n/": ADMIN,
    # Answers 200 to anyone; it releases only the requester's own editing sessions.
    "admin/editing-sessions/release/<int:session_id>/": ADMIN,
    # Workflow task names, for the workflow editor; creating a task needs the secretariat's
    # task permission.
    "admin/workflows/task_chooser/": ADMIN,
    "admin/workflows/task_chooser/results/": ADMIN,
    "admin/workflows/task_chooser/create/": ADMIN,
    "admin/workflows/task_chooser/<int:task_id>/": ADMIN,
    # The focus areas are public.
    "admin/snippets/choose/charter/focusarea/": ADMIN,
    "admin/snippets/choose/charter/focusarea/results/": ADMIN,
    "admin/snippets/choose/charter/focusarea/chosen/<str:pk>/": ADMIN,
    "admin/snippets/choose/charter/focusarea/chosen-multiple/": ADMIN,
    "admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/": ADMIN,
    "admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/": ADMIN,
    "admin/tag-autocomplete/": ADMIN,
    "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/": ADMIN,
    "admin/embeds/chooser/": ADMIN,
    "admin/embeds/chooser/upload/": ADMIN,
    # Served outside Wagtail's admin check: icons and the interface's translations.
    "admin/sprite/": PUBLIC,
    "admin/jsi18n/": PUBLIC,
    "admin/.*/$": NOBODY,  # unknown admin addresses
    # Wagtail's own sign-in and password reset: replaced by allauth (shadowed or switched off).
    "admin/password_reset/done/": NOBODY,
    "admin/password_reset/confirm/<uidb64>/<token>/": NOBODY,
    "admin/password_reset/complete/": NOBODY,
    # The page chooser and its data: editors link to any page of the site.
    "admin/api/main/pages/": ADMIN,
    "admin/api/main/pages/<int:pk>/": ADMIN,
    "admin/api/main/pages/find/": ADMIN,
    "admin/api/main/documents/": ADMIN,
    "admin/api/main/documents/<int:pk>/": ADMIN,
    "admin/api/main/documents/find/": ADMIN,
    "admin/api/main/images/": ADMIN,
    "admin/api/main/images/<int:pk>/": ADMIN,
    "admin/api/main/images/find/": ADMIN,
    "admin/choose-page/": ADMIN,
    "admin/choose-page/<int:parent_page_id>/": ADMIN,
    "admin/choose-page/search/": ADMIN,
    "admin/choose-page/chosen-multiple/": ADMIN,
    "admin/choose-external-link/": ADMIN,
    "admin/choose-email-link/": ADMIN,
    "admin/choose-phone-link/": ADMIN,
    "admin/choose-anchor-link/": ADMIN,
    # An action of the admin's page API on Oslo's case study (unpublishing it).
    "admin/api/main/pages/<int:pk>/action/<str:action_name>/": OWN_CITY,
    # --- Admin: pages --------------------------------------------------------------------------
    # Listings and search show each editor the pages they may edit (Wagtail filters them).
    "admin/pages/": ADMIN,
    "admin/pages/search/": ADMIN,
    "admin/pages/search/results/": ADMIN,
    "admin/pages/create/<slug:app_label>/<slug:model_name>": ADMIN,
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/": ADMIN,
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/": (
        ADMIN
    ),
    # Any page can be explored, but its listing shows only what the editor may explore, and a
    # bulk action's confirmation lists the pages the editor may not act on as refused (and the
    # action skips them): tested on their own below the matrix.
    "admin/pages/<int:parent_page_id>/": ADMIN,
    "admin/pages/<int:parent_page_id>/results/": ADMIN,
    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/": ADMIN,
    # Oslo's city page (added to) and Oslo's case study (everything else).
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>"
    "/<int:parent_page_id>/": OWN_CITY,
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>"
    "/<int:parent_page_id>/preview/": OWN_CITY,
    "admin/pages/<int:parent_page_id>/add_subpage/": OWN_CITY,
    "admin/pages/<int:page_id>/usage/": OWN_CITY,
    "admin/pages/<int:page_id>/edit/": OWN_CITY,
    "admin/pages/<int:page_id>/edit/preview/": OWN_CITY,
    "admin/pages/<int:page_id>/view_draft/": OWN_CITY,
    "admin/pages/<int:page_id>/delete/": OWN_CITY,
    "admin/pages/<int:page_id>/unpublish/": OWN_CITY,
    "admin/pages/<int:page_id>/convert_alias/": OWN_CITY,
    "admin/pages/<int:page_to_move_id>/move/": OWN_CITY,
    "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/": OWN_CITY,
    "admin/pages/<int:page_to_move_id>/set_position/": OWN_CITY,
    "admin/pages/<int:page_id>/copy/": OWN_CITY,
    "admin/pages/<int:page_id>/revisions/": OWN_CITY,
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/view/": OWN_CITY,
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/": OWN_CITY,
    "admin/pages/(?P<pk>\\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\."
    "(?P<revision_id_b>live|latest|\\d+)/$": OWN_CITY,
    "admin/pages/<int:page_id>/history/": OWN_CITY,
    "admin/pages/<int:page_id>/history/results/": OWN_CITY,
    "admin/pages/<int:page_id>/workflow_history/": OWN_CITY,
    "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/": OWN_CITY,
    "admin/pages/workflow/confirm_cancellation/<int:page_id>/": OWN_CITY,
    "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>"
    "/<int:session_id>/": OWN_CITY,
    # A case study is published by the secretariat: privacy, schedules, locks and the review.
    "admin/pages/<int:page_id>/privacy/": SECRETARIAT,
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/": SECRETARIAT,
    "admin/pages/<int:page_id>/lock/": SECRETARIAT,
    "admin/pages/<int:page_id>/unlock/": SECRETARIAT,
    "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/": (
        SECRETARIAT
    ),
    "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>"
    "/<int:task_state_id>/": SECRETARIAT,
    "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/": SECRETARIAT,
    # --- Admin: translations of Oslo's case study ----------------------------------------------
    "admin/localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/": (
        OWN_CITY
    ),
    "admin/localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/": (
        OWN_CITY
    ),
    "admin/localize/translate/<int:translation_id>/pofile/download/": OWN_CITY,
    "admin/localize/translate/<int:translation_id>/pofile/upload/": OWN_CITY,
    "admin/localize/translate/<int:translation_id>/machine_translate/": OWN_CITY,
    "admin/localize/translate/<int:translation_id>/preview/": OWN_CITY,
    "admin/localize/translate/<int:translation_id>/preview/<str:mode>/": OWN_CITY,
    "admin/localize/translate/<int:translation_id>/disable/": OWN_CITY,
    "admin/localize/page/<int:page_id>/convert_to_alias/": OWN_CITY,
    # Submitting for translation and the translation report: the secretariat's.
    "admin/localize/submit/page/<int:page_id>/": SECRETARIAT,
    "admin/localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/": SECRETARIAT,
    "admin/localize/update/<int:translation_source_id>/": SECRETARIAT,
    "admin/localize/reports/translations/": SECRETARIAT,
    "admin/localize/reports/translations/results/": SECRETARIAT,
    # --- Admin: images and documents -----------------------------------------------------------
    # Coordinators upload and choose; they change only what they uploaded (Oslo's coordinator's).
    "admin/images/": ADMIN,
    "admin/images/results/": ADMIN,
    "admin/images/add/": ADMIN,
    "admin/images/multiple/add/": ADMIN,
    "admin/images/chooser/": ADMIN,
    "admin/images/chooser/results/": ADMIN,
    "admin/images/chooser/chosen/<str:pk>/": ADMIN,
    "admin/images/chooser/chosen-multiple/": ADMIN,
    "admin/images/chooser/create/": ADMIN,
    "admin/images/chooser/<int:image_id>/select_format/": ADMIN,
    "admin/images/<int:image_id>/": OWN_CITY,
    "admin/images/<int:image_id>/delete/": OWN_CITY,
    "admin/images/<int:image_id>/generate_url/": OWN_CITY,
    "admin/images/<int:image_id>/generate_url/output/": OWN_CITY,
    "admin/images/<int:image_id>/preview/<str:filter_spec>/": OWN_CITY,
    "admin/images/usage/<int:image_id>/": OWN_CITY,
    "admin/images/multiple/<int:image_id>/": OWN_CITY,
    "admin/images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/": OWN_CITY,
    "admin/images/multiple/<int:image_id>/delete/": OWN_CITY,
    "admin/images/multiple/delete_upload/<int:uploaded_file_id>/": OWN_CITY,
    "admin/documents/": ADMIN,
    "admin/documents/results/": ADMIN,
    "admin/documents/add/": ADMIN,
    "admin/documents/multiple/add/": ADMIN,
    "admin/documents/chooser/": ADMIN,
    "admin/documents/chooser/results/": ADMIN,
    "admin/documents/chooser/chosen/<str:pk>/": ADMIN,
    "admin/documents/chooser/chosen-multiple/": ADMIN,
    "admin/documents/chooser/create/": ADMIN,
    "admin/documents/edit/<int:document_id>/": OWN_CITY,
    "admin/documents/delete/<int:document_id>/": OWN_CITY,
    "admin/documents/usage/<int:document_id>/": OWN_CITY,
    "admin/documents/multiple/<int:doc_id>/": OWN_CITY,
    "admin/documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/": OWN_CITY,
    "admin/documents/multiple/<int:doc_id>/delete/": OWN_CITY,
    "admin/documents/multiple/delete_upload/<int:uploaded_file_id>/": OWN_CITY,
    # --- Admin: reports ------------------------------------------------------------------------
    # Wagtail filters these to the pages the editor may change or publish.
    "admin/reports/workflow/": ADMIN,
    "admin/reports/workflow/results/": ADMIN,
    "admin/reports/workflow_tasks/": ADMIN,
    "admin/reports/workflow_tasks/results/": ADMIN,
    "admin/reports/site-history/": ADMIN,
    "admin/reports/site-history/results/": ADMIN,
    "admin/reports/aging-pages/": ADMIN,
    "admin/reports/aging-pages/results/": ADMIN,
    # Network-wide: every page type's count and its last edited page, whatever the city.
    "admin/reports/page-types-usage/": SECRETARIAT,
    "admin/reports/page-types-usage/results/": SECRETARIAT,
    # Locks are the secretariat's.
    "admin/reports/locked/": SECRETARIAT,
    "admin/reports/locked/results/": SECRETARIAT,
    # --- Admin: the form builder (no form pages exist; the board papers page is the sample) -----
    "admin/forms/": ADMIN,
    "admin/forms/results/": ADMIN,
    "admin/forms/submissions/<int:page_id>/": SECRETARIAT,
    "admin/forms/submissions/<int:page_id>/results/": SECRETARIAT,
    "admin/forms/submissions/<int:page_id>/delete/": SECRETARIAT,
    # --- Admin: the secretariat's alone --------------------------------------------------------
    "admin/collections/": SECRETARIAT,
    "admin/collections/add/": SECRETARIAT,
    "admin/collections/<int:pk>/": SECRETARIAT,
    "admin/collections/<int:pk>/delete/": SECRETARIAT,
    "admin/collections/<int:collection_id>/privacy/": SECRETARIAT,
    "admin/workflows/list/": SECRETARIAT,
    "admin/workflows/list/results/": SECRETARIAT,
    "admin/workflows/add/": SECRETARIAT,
    "admin/workflows/enable/<int:pk>/": SECRETARIAT,
    "admin/workflows/disable/<int:pk>/": SECRETARIAT,
    "admin/workflows/edit/<int:pk>/": SECRETARIAT,
    "admin/workflows/usage/<int:pk>/": SECRETARIAT,
    "admin/workflows/usage/<int:pk>/results/": SECRETARIAT,
    "admin/workflows/remove/<int:page_pk>/": SECRETARIAT,
    "admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/": SECRETARIAT,
    "admin/workflows/tasks/add/<str:app_label>/<str:model_name>/": SECRETARIAT,
    "admin/workflows/tasks/select_type/": SECRETARIAT,
    "admin/workflows/tasks/index/": SECRETARIAT,
    "admin/workflows/tasks/index/results/": SECRETARIAT,
    "admin/workflows/tasks/edit/<int:pk>/": SECRETARIAT,
    "admin/workflows/tasks/disable/<int:pk>/": SECRETARIAT,
    "admin/workflows/tasks/enable/<int:pk>/": SECRETARIAT,
    "admin/redirects/": SECRETARIAT,
    "admin/redirects/results/": SECRETARIAT,
    "admin/redirects/add/": SECRETARIAT,
    "admin/redirects/<int:redirect_id>/": SECRETARIAT,
    "admin/redirects/<int:redirect_id>/delete/": SECRETARIAT,
    "admin/redirects/import/": SECRETARIAT,
    "admin/redirects/import/process/": SECRETARIAT,
    "admin/settings/<slug:app_name>/<slug:model_name>/": SECRETARIAT,
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": SECRETARIAT,
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/": SECRETARIAT,
    "admin/snippets/": SECRETARIAT,
    "admin/snippets/charter/focusarea/": SECRETARIAT,
    "admin/snippets/charter/focusarea/results/": SECRETARIAT,
    "admin/snippets/charter/focusarea/add/": SECRETARIAT,
    "admin/snippets/charter/focusarea/edit/<int:pk>/": SECRETARIAT,
    "admin/snippets/charter/focusarea/delete/<int:pk>/": SECRETARIAT,
    "admin/snippets/charter/focusarea/usage/<int:pk>/": SECRETARIAT,
    "admin/snippets/charter/focusarea/history/<int:pk>/": SECRETARIAT,
    "admin/snippets/charter/focusarea/history-results/<int:pk>/": SECRETARIAT,
    "admin/snippets/charter/focusarea/copy/<int:pk>/": SECRETARIAT,
    "admin/snippets/choose/charter/focusarea/create/": SECRETARIAT,
    "admin/locales/": SECRETARIAT,
    "admin/locales/results/": SECRETARIAT,
    "admin/locales/new/": SECRETARIAT,
    "admin/locales/edit/<int:pk>/": SECRETARIAT,
    "admin/locales/delete/<int:pk>/": SECRETARIAT,
    "admin/locales/history/<int:pk>/": SECRETARIAT,
    "admin/locales/history-results/<int:pk>/": SECRETARIAT,
    "admin/locales/usage/<int:pk>/": SECRETARIAT,
    "admin/locales/copy/<int:pk>/": SECRETARIAT,
    "admin/sites/": SECRETARIAT,
    "admin/sites/results/": SECRETARIAT,
    "admin/sites/new/": SECRETARIAT,
    "admin/sites/edit/<int:pk>/": SECRETARIAT,
    "admin/sites/delete/<int:pk>/": SECRETARIAT,
    "admin/sites/history/<int:pk>/": SECRETARIAT,
    "admin/sites/history-results/<int:pk>/": SECRETARIAT,
    "admin/sites/usage/<int:pk>/": SECRETARIAT,
    "admin/sites/copy/<int:pk>/": SECRETARIAT,
    "admin/users/": SECRETARIAT,
    "admin/users/results/": SECRETARIAT,
    "admin/users/new/": SECRETARIAT,
    "admin/users/edit/<int:pk>/": SECRETARIAT,
    "admin/users/delete/<int:pk>/": SECRETARIAT,
    "admin/users/history/<int:pk>/": SECRETARIAT,
    "admin/users/history-results/<int:pk>/": SECRETARIAT,
    "admin/users/usage/<int:pk>/": SECRETARIAT,
    "admin/users/copy/<int:pk>/": SECRETARIAT,
    "admin/groups/": SECRETARIAT,
    "admin/groups/results/": SECRETARIAT,
    "admin/groups/new/": SECRETARIAT,
    "admin/groups/edit/<int:pk>/": SECRETARIAT,
    "admin/groups/delete/<int:pk>/": SECRETARIAT,
    "admin/groups/history/<int:pk>/": SECRETARIAT,
    "admin/groups/history-results/<int:pk>/": SECRETARIAT,
    "admin/groups/usage/<int:pk>/": SECRETARIAT,
    # The membership admin (cities.wagtail_hooks).
    "admin/cities/memberships/": SECRETARIAT,
    "admin/cities/memberships/results/": SECRETARIAT,
    "admin/cities/memberships/edit/<int:pk>/": SECRETARIAT,
    "admin/cities/memberships/inspect/<int:pk>/": SECRETARIAT,
    "admin/cities/memberships/ambassadors/<id:pk>/": SECRETARIAT,
    "admin/cities/memberships/coordinators/<id:pk>/": SECRETARIAT,
    "admin/cities/memberships/coordinators/<id:pk>/invite/": SECRETARIAT,
    "admin/cities/memberships/coordinators/<id:pk>/remove/<id:coordinator_pk>/": SECRETARIAT,
    "admin/cities/memberships/coordinators/<id:pk>/withdraw/<id:invitation_pk>/": SECRETARIAT,
    "admin/cities/applications/": SECRETARIAT,
    "admin/cities/applications/results/": SECRETARIAT,
    "admin/cities/applications/edit/<int:pk>/": SECRETARIAT,
    "admin/cities/partners/": SECRETARIAT,
    "admin/cities/partners/results/": SECRETARIAT,
    "admin/cities/partners/add/": SECRETARIAT,
    "admin/cities/partners/edit/<int:pk>/": SECRETARIAT,
    "admin/cities/partners/delete/<int:pk>/": SECRETARIAT,
    "admin/cities/partners/usage/<int:pk>/": SECRETARIAT,
    "admin/cities/partners/history/<int:pk>/": SECRETARIAT,
    "admin/cities/partners/history-results/<int:pk>/": SECRETARIAT,
    "admin/cities/partners/copy/<int:pk>/": SECRETARIAT,
    "admin/snippets/choose/cities/partner/": SECRETARIAT,
    "admin/snippets/choose/cities/partner/results/": SECRETARIAT,
    "admin/snippets/choose/cities/partner/chosen/<str:pk>/": SECRETARIAT,
    "admin/snippets/choose/cities/partner/chosen-multiple/": SECRETARIAT,
    "admin/snippets/choose/cities/partner/create/": SECRETARIAT,
    # The Charter admin (progress.wagtail_hooks).
    # The meetups' participants, their needs, check-in and messages: the secretariat only, not
    # the host city's coordinator.
    "admin/events/": SECRETARIAT,
    "admin/events/<int:event_id>/participants/": SECRETARIAT,
    "admin/events/<int:event_id>/check-in/": SECRETARIAT,
    "admin/events/<int:event_id>/message/": SECRETARIAT,
    # The newsletter's subscribers and their export (newsletter.wagtail_hooks).
    "admin/newsletter/subscribers/": SECRETARIAT,
    # The newsletter's issues: written, previewed, sent and followed by the secretariat alone.
    "admin/newsletter/issues/": SECRETARIAT,
    "admin/newsletter/issues/results/": SECRETARIAT,
    "admin/newsletter/issues/add/": SECRETARIAT,
    "admin/newsletter/issues/edit/<int:pk>/": SECRETARIAT,
    "admin/newsletter/issues/delete/<int:pk>/": SECRETARIAT,
    "admin/newsletter/issues/usage/<int:pk>/": SECRETARIAT,
    "admin/newsletter/issues/history/<int:pk>/": SECRETARIAT,
    "admin/newsletter/issues/history-results/<int:pk>/": SECRETARIAT,
    "admin/newsletter/issues/copy/<int:pk>/": SECRETARIAT,
    "admin/newsletter/issues/preview/": SECRETARIAT,
    "admin/newsletter/issues/preview/<int:pk>/": SECRETARIAT,
    "admin/newsletter/issues/<int:pk>/send/": SECRETARIAT,
    "admin/newsletter/issues/<int:pk>/progress/": SECRETARIAT,
    "admin/newsletter/issues/<int:pk>/email/": SECRETARIAT,
    "admin/snippets/choose/newsletter/issue/": SECRETARIAT,
    "admin/snippets/choose/newsletter/issue/results/": SECRETARIAT,
    "admin/snippets/choose/newsletter/issue/chosen/<str:pk>/": SECRETARIAT,
    "admin/snippets/choose/newsletter/issue/chosen-multiple/": SECRETARIAT,
    "admin/charter/rounds/": SECRETARIAT,
    "admin/charter/rounds/results/": SECRETARIAT,
    "admin/charter/rounds/new/": SECRETARIAT,
    "admin/charter/reports/": SECRETARIAT,
    "admin/charter/reports/results/": SECRETARIAT,
    "admin/charter/reports/edit/<int:pk>/": SECRETARIAT,
    "admin/charter/adoptions/": SECRETARIAT,
    "admin/charter/adoptions/results/": SECRETARIAT,
    "admin/charter/adoptions/new/": SECRETARIAT,
    "admin/charter/adoptions/edit/<int:pk>/": SECRETARIAT,
    "admin/charter/adoptions/delete/<int:pk>/": SECRETARIAT,
    "admin/charter/actions/": SECRETARIAT,
    "admin/charter/actions/results/": SECRETARIAT,
    "admin/charter/actions/inspect/<int:pk>/": SECRETARIAT,
    "admin/charter/network/": SECRETARIAT,
}
