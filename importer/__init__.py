"""Turn scraped articles into clean, cross-linked zh-Hans / zh-Hant / en Markdown pages.

The pipeline (see pipeline.py) passes one immutable `Article` (model.py) through
reading → cleaning → splitting → structuring → script conversion → rendering → writing.
"""
