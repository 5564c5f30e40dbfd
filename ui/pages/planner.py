"""Page entry (a route for `st.navigation`): the page itself is `ui.planner_page`."""

from ui.planner_page import render

render()
