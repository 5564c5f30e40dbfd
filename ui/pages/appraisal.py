"""Page entry (a route for `st.navigation`): the page itself is `ui.appraisal_page`."""

from ui.appraisal_page import render

render()
