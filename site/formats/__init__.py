"""Date formats where Django's differ from how the language writes a date (CLDR's long date).

Django writes Turkish and Italian dates with a zero-padded day ("03 Haziran 2019"); both
languages write "3 Haziran 2019" and "3 giugno 2019". Only the names set here change.
"""
