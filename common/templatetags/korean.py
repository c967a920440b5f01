"""{% load korean %} {{ bureau_name|particle:"은/는" }} → "의회사무국은" (common/korean.py)."""

from django import template

from common import korean

register = template.Library()


@register.filter
def particle(word, pair):
    return korean.particle(str(word), pair)
