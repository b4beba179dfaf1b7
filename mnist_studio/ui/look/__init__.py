"""How the app looks and speaks, for every tab: the theme and projector look (``theme``), the digit colours and
legend (``colors``), the charts' style (``chart_style``), the translations (``i18n``) and words several tabs show
(``texts``), and the record of painted text that the legibility tests read (``painted``)."""
