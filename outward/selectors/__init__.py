"""Reads of the outward channels: each module's selectors say what they fetch and how many
queries. ``search``: the site search; ``channels``: feeds, sitemap and the public API."""
