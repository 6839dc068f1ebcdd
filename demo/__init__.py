"""The demo site that `make run` shows: content, texts, illustrations, translations, booklet PDFs.

Development and test settings install it; production does not (INSTALL_DEMO opts in for a staging
site). It sits on top of every app and may import any of them; no product module imports it.
"""
