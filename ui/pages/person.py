"""Page entry (a route for `st.navigation`): the page itself is `ui.person_page`."""

from ui.person_page import render

render()
