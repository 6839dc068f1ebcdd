"""STEM PD Net project package (the folder `site/`, imported as `stempd`)."""
