/* The form reads its own bindings before a pane's key table (form.c), so a
 * key in the outline's or the choices pane's table that the form also
 * binds there never reaches the pane, and the help would promise what the
 * key does not do. Every key code is tried against both. */
#include "../unit_check.h"
#include "tui_int.h"

static void
check_pane(tui_keyset set, bool in_outline, const char *pane)
{
	for (int is_key = 0; is_key < 2; is_key++) {
		wint_t lo = is_key ? KEY_MIN : 0;
		wint_t hi = is_key ? TUI_KEY_CTRL_RIGHT + 1 : 0x80;

		for (wint_t ch = lo; ch < hi; ch++) {
			tui_screen_action a =
				tui_keyset_action(set, ch, is_key);
			tui_action f;

			if (a == SA_NONE)
				continue;
			f = tui_key_action(KP_NONE, ch, is_key, in_outline);
			CHECK_MSG(f == ACT_NONE,
				  "%s: key %#x (%s) is in its table (action %d) "
				  "but the form binds it first (action %d)",
				  pane, (unsigned)ch, is_key ? "code" : "char",
				  (int)a, (int)f);
		}
	}
}

int
main(void)
{
	/* The checks are checked: the form does bind k in the outline. */
	CHECK(tui_key_action(KP_NONE, 'k', false, true) != ACT_NONE);
	CHECK(tui_keyset_action(TUI_KEYS_OUTLINE, KEY_UP, true) == SA_UP);
	check_pane(TUI_KEYS_OUTLINE, true, "outline");
	check_pane(TUI_KEYS_CHOICE, false, "choices pane");
	return unit_result();
}
