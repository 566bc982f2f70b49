"""The secretariat's view of the newsletter's subscribers: counts by language and status, the
subscribers a page at a time, and the whole list as CSV or XLSX. Read only; nobody but the
secretariat reaches any of it (``cities.admin_views.SecretariatOnlyMixin``)."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cities.admin_views import SecretariatOnlyMixin
from core.exports import table_download
from core.paging import page_number
from newsletter.models import SubscriberStatus
from newsletter.selectors import subscriber_counts, subscriber_export_rows, subscriber_list

NAMESPACE = "newsletter_subscribers"
PER_PAGE = 50


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


class SubscriberIndexView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "mail"
    page_title = gettext_lazy("Newsletter subscribers")
    template_name = "newsletter/admin/subscribers.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def export(self, kind: str) -> HttpResponse:
        header = [
            _("Email"),
            _("Language"),
            _("Status"),
            _("Topics"),
            _("Subscribed"),
            _("Confirmed"),
            _("Unsubscribed"),
        ]
        statuses = dict(SubscriberStatus.choices)
        rows = [
            [
                email,
                language,
                str(statuses.get(status, status)),
                topics,
                _when(created),
                _when(confirmed),
                _when(left),
            ]
            for email, language, status, topics, created, confirmed, left in (
                subscriber_export_rows()
            )
        ]
        return table_download(
            [header, *rows],
            kind=kind,
            filename=f"newsletter-subscribers-{timezone.localdate().isoformat()}",
            sheet=str(_("Subscribers")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(subscriber_list(), PER_PAGE)
        context["subscribers"] = paginator.get_page(page_number(self.request.GET.get("p", 1)))
        context["counts"] = subscriber_counts()
        context["statuses"] = SubscriberStatus.choices
        return context
