"""A modal picker: type to search, choose with enter or a click; escape cancels.

The search runs in a worker thread, so searching a million names never blocks typing.
"""

from textual import on, work
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from graphscope.tui.printable import plain


class PrefixSuggester(Suggester):
    """Inline completion (accept with →) from a function of the typed text."""

    def __init__(self, complete):
        super().__init__(use_cache=False, case_sensitive=True)
        self.complete = complete

    async def get_suggestion(self, value: str):
        found = self.complete(value) if value else None
        return found or None


class PickerScreen(ModalScreen):
    """Pick one of the items ``search(text)`` returns, as ``(id, label)`` pairs.

    Dismisses with the chosen id, or ``None``.
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel"),
                Binding("down", "focus_options", "Options", show=False)]

    def __init__(self, title: str, search, *, placeholder: str = "", complete=None):
        super().__init__()
        self.title_text = title
        self.search = search
        self.placeholder = placeholder
        self.suggester = PrefixSuggester(complete) if complete else None
        self.shown_for = None  # the text the listed options were found for

    def compose(self):
        with Vertical(id="picker"):
            yield Label(plain(self.title_text), id="picker-title")
            yield Input(placeholder=self.placeholder, suggester=self.suggester, id="picker-input")
            yield OptionList(id="picker-options")

    def on_mount(self):
        self._search("")

    @on(Input.Changed, "#picker-input")
    def _changed(self, event):
        self._search(event.value)

    @work(thread=True, exclusive=True, group="picker")
    def _search(self, text):
        from textual.worker import get_current_worker

        found = self.search(text)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, text, found)

    def _show(self, text, found):
        if not self.is_attached:
            return  # dismissed while the search ran
        self.shown_for = text
        options = self.query_one("#picker-options", OptionList)
        options.clear_options()
        options.add_options([Option(plain(label), id=item) for item, label in found]
                            or [Option("no match", disabled=True)])
        options.highlighted = 0 if found else None

    @on(Input.Submitted, "#picker-input")
    def _submitted(self, event):
        if self.shown_for != event.value:  # enter before the search caught up: search now
            found = self.search(event.value)
            if found:
                self.dismiss(found[0][0])
            return
        options = self.query_one("#picker-options", OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            if not option.disabled:
                self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event):
        event.stop()
        self.dismiss(event.option.id)

    def action_focus_options(self):
        self.query_one("#picker-options", OptionList).focus()
