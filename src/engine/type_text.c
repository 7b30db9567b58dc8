/* Item types "text" (paragraphs) and "line" (one line): any text; the
 * common checks (length, pattern) are validation's. */
#include "itype.h"

#include "intl.h"

static const char *
line_hint(const qn_item *it)
{
	return _("Type the answer on one line. An empty line keeps the "
		 "current answer.");
}

const itype itype_text = {
	.name = "text",
	.input = ITYPE_TEXT,
	.pattern = true,
};

const itype itype_line = {
	.name = "line",
	.input = ITYPE_LINE,
	.pattern = true,
	.line_hint = line_hint,
};
