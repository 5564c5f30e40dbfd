"""Duty & Appraisal web app: only the router (pages live in ``ui/``, one module each)."""

import streamlit as st

from office.i18n import t
from ui import sidebar, state

st.set_page_config(page_title=t("ui.app.title", state.lang()), page_icon="📅", layout="wide")
lang = sidebar.render()
pages = {
    t("ui.nav.roster_section", lang): [
        st.Page("ui/pages/data.py", title=t("ui.nav.data", lang), icon="📂", default=True),
        st.Page("ui/pages/planner.py", title=t("ui.nav.planner", lang), icon="📅"),
        st.Page("ui/pages/fairness.py", title=t("ui.nav.fairness", lang), icon="⚖️"),
        st.Page("ui/pages/person.py", title=t("ui.nav.person", lang), icon="👤"),
        st.Page("ui/pages/notice.py", title=t("ui.nav.notice", lang), icon="📣"),
    ],
    t("ui.nav.appraisal_section", lang): [
        st.Page("ui/pages/appraisal.py", title=t("ui.nav.appraisal", lang), icon="🏅"),
        st.Page("ui/pages/appraisal_person.py", title=t("ui.nav.appraisal_person", lang),
                icon="📊"),
    ],
}
st.navigation(pages).run()
