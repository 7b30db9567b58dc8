/* HTML for the collector's site and for `diff --html`: escaping whatever
 * comes from a plan or a questionnaire, the one stylesheet, and the start
 * and end of a page. Pages need no JavaScript. */
#include "collect_int.h"

#include <string.h>

#include "utext.h"

/* Bytes collect_html_esc has to look at: controls, markup, and 0xc2 (the
 * lead byte of the C1 controls). */
static const bool special[256] = {
	[0x00] = true, [0x01] = true, [0x02] = true, [0x03] = true,
	[0x04] = true, [0x05] = true, [0x06] = true, [0x07] = true,
	[0x08] = true, [0x09] = true, [0x0a] = true, [0x0b] = true,
	[0x0c] = true, [0x0d] = true, [0x0e] = true, [0x0f] = true,
	[0x10] = true, [0x11] = true, [0x12] = true, [0x13] = true,
	[0x14] = true, [0x15] = true, [0x16] = true, [0x17] = true,
	[0x18] = true, [0x19] = true, [0x1a] = true, [0x1b] = true,
	[0x1c] = true, [0x1d] = true, [0x1e] = true, [0x1f] = true,
	['&'] = true, ['<'] = true, ['>'] = true, ['"'] = true,
	['\''] = true, [0x7f] = true, [0xc2] = true,
};

void
collect_html_esc(sbuf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t pos = 0, run;

	while (pos < len) {
		run = pos;
		/* Four at a time: most text has nothing to escape. */
		while (len - run >= 4 &&
		       !(special[u[run]] | special[u[run + 1]] |
			 special[u[run + 2]] | special[u[run + 3]]))
			run += 4;
		while (run < len && !special[u[run]])
			run++;
		sbuf_add(b, s + pos, run - pos);
		if (run >= len)
			break;
		pos = run;
		switch (s[pos]) {
		case '&': sbuf_str(b, "&amp;"); pos++; continue;
		case '<': sbuf_str(b, "&lt;"); pos++; continue;
		case '>': sbuf_str(b, "&gt;"); pos++; continue;
		case '"': sbuf_str(b, "&quot;"); pos++; continue;
		case '\'': sbuf_str(b, "&#39;"); pos++; continue;
		case '\t': sbuf_char(b, '\t'); pos++; continue;
		case '\n': sbuf_char(b, '\n'); pos++; continue;
		default: break;
		}
		if ((unsigned char)s[pos] == 0xc2) {
			/* U+0080..U+009F are C1 controls. */
			size_t q = pos;
			uint32_t cp = utext_next(s, len, &q);

			if (cp >= 0x80 && cp < 0xa0)
				sbuf_str(b, "\xEF\xBF\xBD");
			else
				sbuf_add(b, s + pos, q - pos);
			pos = q;
			continue;
		}
		/* Other controls (HTML forbids them) become U+FFFD. */
		sbuf_str(b, "\xEF\xBF\xBD");
		pos++;
	}
}

void
collect_html_str(sbuf *b, const char *s)
{
	collect_html_esc(b, s, strlen(s));
}

/* One stylesheet for every page: readable on a phone (390 pixels) and on
 * a desk (1280), bars and the completeness grid in plain CSS. */
const char collect_css[] =
	"body{font-family:sans-serif;line-height:1.45;max-width:72em;"
	"margin:0 auto;padding:0 .75em;color:#222;overflow-wrap:anywhere}\n"
	"header{border-bottom:1px solid #999;padding:.5em 0}\n"
	"header p{margin:0;font-weight:bold}\n"
	"nav a{padding:0 .2em;white-space:nowrap}\n"
	"nav a[aria-current]{font-weight:bold;text-decoration:none;color:#222}\n"
	"h1{font-size:1.5em}h2{font-size:1.25em;margin-top:1.6em}"
	"h3{font-size:1.05em;margin:.2em 0}\n"
	".none,.skip{color:#666;font-style:italic}\n"
	".guide{color:#444;border-left:3px solid #ccc;padding-left:.6em}\n"
	".pager{display:flex;justify-content:space-between;gap:1em;"
	"flex-wrap:wrap}\n"
	".answers{display:grid;gap:.8em;"
	"grid-template-columns:repeat(auto-fill,minmax(min(100%,22em),1fr))}\n"
	".answer{border:1px solid #ccc;border-radius:4px;padding:.3em .6em;"
	"min-width:0}\n"
	".answer p{margin:.4em 0}\n"
	".tally{border-collapse:collapse;margin:.5em 0}\n"
	".tally td,.tally th{padding:.15em .4em;text-align:left;"
	"vertical-align:top}\n"
	".tally th{overflow-wrap:break-word}\n"
	".bar{display:inline-block;height:.8em;background:#4a7ab5;"
	"vertical-align:middle}\n"
	".barbox{width:8em;background:#e4e4e4;display:inline-block}\n"
	".scroll{overflow-x:auto;max-width:100%}\n"
	".grids{display:flex;flex-wrap:wrap;gap:1em 2em;align-items:flex-start}\n"
	".grid{border-collapse:collapse;font-size:.85em}\n"
	".grid caption{text-align:left;font-weight:bold;padding:.2em 0}\n"
	".grid th,.grid td{border:1px solid #ddd;padding:0;text-align:center;"
	"min-width:1.5em}\n"
	".grid th.c{text-align:left;padding:0 .3em;max-width:9em;"
	"font-weight:normal}\n"
	".grid a{display:block;text-decoration:none;color:inherit}\n"
	".grid .y{background:#cfe8cf}.grid .m{background:#f6d2d2}"
	".grid .n{background:#eee;color:#888}\n"
	"ul.cols{columns:16em}\n"
	"table.list{border-collapse:collapse}\n"
	"table.list td,table.list th{padding:.15em .5em;text-align:left;"
	"border-bottom:1px solid #eee}\n"
	".diff{white-space:pre-wrap}\n"
	"del{background:#fbd0d0;text-decoration:line-through}\n"
	"ins{background:#c8efc8;text-decoration:none}\n"
	"footer{border-top:1px solid #999;margin-top:3em;color:#666;"
	"font-size:.9em}\n";

void
collect_html_start(sbuf *b, const char *lang, const char *title,
		   const char *css_href)
{
	sbuf_str(b, "<!DOCTYPE html>\n<html lang=\"");
	collect_html_str(b, lang && *lang ? lang : "en");
	sbuf_str(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, "
		    "initial-scale=1\">\n<title>");
	collect_html_str(b, title);
	sbuf_str(b, "</title>\n");
	if (css_href) {
		sbuf_str(b, "<link rel=\"stylesheet\" href=\"");
		collect_html_str(b, css_href);
		sbuf_str(b, "\">\n");
	} else {
		sbuf_str(b, "<style>\n");
		sbuf_str(b, collect_css);
		sbuf_str(b, "</style>\n");
	}
	sbuf_str(b, "</head>\n<body>\n");
}

void
collect_html_end(sbuf *b)
{
	sbuf_str(b, "</body>\n</html>\n");
}
