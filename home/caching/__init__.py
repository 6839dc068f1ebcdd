"""Caching of pages, layout fragments and other apps' caches, with targeted invalidation.

- `store`: the shared cache read outage-tolerantly, and tag versions (one `get_many` per entry);
- `dependencies`: what a render showed, recorded as tags while it runs;
- `invalidation`: which tags each change moves, including other apps' declared caches;
- `page_cache`: the whole-page cache middleware for anonymous visitors;
- `fragments`: the menu, footer and slot fragments;
- `frontend`: the same tags as surrogate keys for Varnish or Cloudflare, purged by tag;
- `wiring`: every signal connection, made once from `HomeConfig.ready`.
"""
