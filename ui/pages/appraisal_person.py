"""Page entry (a route for `st.navigation`): the page itself is `ui.appraisal_person_page`."""

from ui.appraisal_person_page import render

render()
