from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from core.blocks import CaptionedImageBlock, HeadingBlock, QuoteBlock


class KeyFactBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"), max_length=80)
    value = blocks.CharBlock(label=_("value"), max_length=120)

    class Meta:
        icon = "list-ul"


class KeyFactsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(KeyFactBlock(), **kwargs)

    class Meta:
        icon = "list-ul"
        template = "blocks/key_facts_block.html"
        preview_value = [{"label": "Young people reached", "value": "1,200"}]
        description = _("Figures that sum up the practice.")


class ResultsBlock(blocks.RichTextBlock):
    class Meta:
        icon = "success"
        template = "blocks/results_block.html"
        preview_value = "<p>Reports of online hate at the schools fell by a third.</p>"
        description = _("What the practice achieved, and how that is known.")


class CaseStudyStreamBlock(blocks.StreamBlock):
    """The body of a case study: narrower than ``BaseStreamBlock``, with facts and results."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("text"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul"],
        template="blocks/paragraph_block.html",
        preview_value="<p>Youth workers meet young people where they are.</p>",
        description=_("Paragraphs of text with links and lists."),
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    key_facts = KeyFactsBlock(label=_("key facts"))
    results = ResultsBlock(label=_("results"), features=["bold", "italic", "link", "ol", "ul"])
