"""Admin widgets for choosing focus areas."""

from django.forms import CheckboxSelectMultiple

from charter.selectors import focus_area_list


class FocusAreaCheckboxes(CheckboxSelectMultiple):
    """The six focus areas as checkboxes, each named in the editor's language (one query)."""

    def optgroups(self, name, value, attrs=None):
        self._names = {area.translation_key: area.name for area in focus_area_list()}
        return super().optgroups(name, value, attrs)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        area = getattr(value, "instance", None)
        if area is not None:
            label = self._names.get(area.translation_key, label)
        return super().create_option(name, value, label, selected, index, subindex, attrs)
