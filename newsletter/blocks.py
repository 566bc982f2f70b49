from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from core.blocks import HeadingBlock


class WhatsNewBlock(blocks.StructBlock):
    """What the network published since the last issue went out (or since a chosen day): case
    studies, resources, coming meetups and Charter news, as each app tells ``core.news``. It is
    worked out when the issue is previewed and frozen when it is sent."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120, default=_("New in the network"))
    since = blocks.DateBlock(
        label=_("since"),
        required=False,
        help_text=_("Leave empty for everything since the last issue was sent."),
    )

    class Meta:
        icon = "list-ul"
        template = "newsletter/blocks/whats_new_block.html"
        preview_value = {"heading": "New in the network"}
        description = _("What is new since the last issue: suggested from what was published.")

    def get_context(self, value, parent_context=None):
        from newsletter.selectors import news_for_issue

        context = super().get_context(value, parent_context=parent_context)
        context["since"], context["items"] = news_for_issue(since=value.get("since"))
        return context


class ButtonBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=80)
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "link"
        template = "newsletter/blocks/button_block.html"
        preview_value = {"text": "Read the Charter", "url": "https://nordicsafecities.org/"}
        description = _("A link shown as a button.")


class IssueStreamBlock(blocks.StreamBlock):
    """A newsletter's body: fewer choices than a page's, all of which render in an email."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("text"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul"],
        template="newsletter/blocks/paragraph_block.html",
        preview_value="<p>A year of cities learning from each other.</p>",
        description=_("Paragraphs of text with links and lists."),
    )
    whats_new = WhatsNewBlock()
    button = ButtonBlock()
