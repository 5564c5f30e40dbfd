"""Page entry (a route for `st.navigation`): the page itself is `ui.notice_page`."""

from ui.notice_page import render

render()
