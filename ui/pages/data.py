"""Page entry (a route for `st.navigation`): the page itself is `ui.data_page`."""

from ui.data_page import render

render()
