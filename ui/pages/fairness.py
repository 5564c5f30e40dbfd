"""Page entry (a route for `st.navigation`): the page itself is `ui.fairness_page`."""

from ui.fairness_page import render

render()
