from django import template

from core.admin_sidebar import sidebar_html

register = template.Library()


@register.simple_tag(takes_context=True)
def cached_sidebar_props(context):
    """Wagtail's ``{% sidebar_props %}``, cached per person (``core.admin_sidebar``)."""
    return sidebar_html(context)
